"""protocol: cited answers from UK councils' member/officer relations protocols."""

__version__ = "0.1.0"
