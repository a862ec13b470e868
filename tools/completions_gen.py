"""Static shell completion scripts for bash, zsh, fish and PowerShell.

Everything TAB can offer is written into the scripts: the commands and their options from the
typer declarations, and the protocol ids, scenario ids, question ids and answers, and clause ids
from the bundled data. Completing never starts protocol, or Python.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "completions"

# What a parameter's value is, by its name in the typer declarations.
KIND_BY_NAME = {
    "council": "protocol",
    "protocol": "protocol",
    "scenario": "scenario",
    "target": "scenario",  # (`demo` also takes training case ids, not offered)
    "answer": "answer",
    "answers_file": "file",
    "output": "file",
    "files": "file",
    "path": "file",
    "ref": "clause",
    "key": "setting",
    "shell": "shell",  # (a choice: the declarations list bash, zsh, fish, powershell)
}
SETTING_VALUES = {"audit": ["ask", "always", "never"]}
SHELLS = ["bash", "zsh", "fish", "powershell"]


def model(root: Any) -> dict[str, Any]:
    """The command tree as plain data: per command path, its options and what its words take."""
    from protocol_cli.deciding.model import label_key
    from protocol_cli.sources.library import default_library

    commands: dict[str, Any] = {}

    def walk(cmd: Any, path: list[str]) -> None:
        key = " ".join(path)  # "protocol", "protocol ask", "protocol clauses show"
        options: list[dict[str, Any]] = []
        args: list[str] = []
        repeat = False
        for p in cmd.params:
            if type(p).__name__.endswith("Argument"):
                args.append(KIND_BY_NAME.get(p.name, ""))
                repeat = repeat or p.nargs == -1
                continue
            choices = list(getattr(p.type, "choices", None) or [])
            kind = "choice:" + " ".join(choices) if choices else KIND_BY_NAME.get(p.name, "")
            if p.name == "protocol":  # `clauses search --protocol` also takes "all"
                kind = "protocol-all"
            options.append({"opts": [*p.opts, *p.secondary_opts], "value": not p.is_flag, "kind": kind})
        subs = sorted(getattr(cmd, "commands", {}) or {})
        commands[key] = {"options": options, "args": args, "repeat": repeat, "subs": subs}
        for name in subs:
            walk(cmd.commands[name], [*path, name])

    walk(root, ["protocol"])
    lib = default_library()
    scenarios = lib.catalogue.all()
    from protocol_cli.deciding.engine import UNSURE

    values: dict[str, list[str]] = {}
    by_scenario: dict[str, dict[str, list[str]]] = {}
    for scenario in scenarios:
        for q in scenario.questions:
            values.setdefault(q.id, [])
            values[q.id] += [v for v in q.values if v not in values[q.id]]
            by_scenario.setdefault(scenario.id, {})[q.id] = [*q.values, UNSURE]
    for vals in values.values():
        vals.append(UNSURE)  # any question may be answered "not sure"
    # dotted labels (9.4.e for 9.4(e)) need no quoting in a shell, and protocol accepts them
    clauses = [f"{p.id}:{label_key(c.label)}" for p in lib.protocols() for c in p.clauses]
    return {
        "commands": commands,
        "protocols": lib.protocol_ids(),
        "scenarios": [s.id for s in scenarios],
        "questions": values,
        "scenario_questions": by_scenario,
        "clauses": clauses,
        "settings": ["council", "name", "audit", "audit_dir"],
        "setting_values": {"council": lib.protocol_ids(), **SETTING_VALUES},
        "shells": SHELLS,
    }


def _words(items: list[str]) -> str:
    return " ".join(items)


# --- bash ---------------------------------------------------------------------------------


def _tables(m: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """The lookup tables both the bash and the zsh script carry, as (key, value) pairs."""
    cmds = m["commands"]

    def options(v: dict[str, Any]) -> str:
        return _words([o for opt in v["options"] for o in opt["opts"]] + ["--help"])

    def args(v: dict[str, Any]) -> str:
        return _words([a or "none" for a in v["args"]]) + (" +" if v["repeat"] else "")

    return {
        "_protocol_subs": [(k, _words(v["subs"])) for k, v in cmds.items() if v["subs"]],
        "_protocol_opts": [(k, options(v)) for k, v in cmds.items()],
        "_protocol_optkind": [
            (f"{k} {o}", opt["kind"] or "none")
            for k, v in cmds.items()
            for opt in v["options"]
            if opt["value"]
            for o in opt["opts"]
        ],
        "_protocol_args": [(k, args(v)) for k, v in cmds.items() if v["args"]],
        "_protocol_values": [(q, _words(vals)) for q, vals in m["questions"].items()],
        # once a scenario is named (-s, or as the first word): its questions, and their answers
        "_protocol_squestions": [(sid, _words(list(qs))) for sid, qs in m["scenario_questions"].items()],
        "_protocol_svalues": [
            (f"{sid} {q}", _words(vals))
            for sid, qs in m["scenario_questions"].items()
            for q, vals in qs.items()
        ],
        "_protocol_setting_values": [(k, _words(vals)) for k, vals in m["setting_values"].items()],
    }


def _lists(m: dict[str, Any]) -> list[tuple[str, str]]:
    names = ("protocols", "scenarios", "settings", "shells", "clauses")
    return [(f"_protocol_{name}", _words(m[name])) for name in names]


HEADER = """\
# {shell} completion for protocol. Generated by `make completions` from the command
# declarations and the bundled data: pressing TAB runs nothing but this script.
# Use: {use}
"""


def bash(m: dict[str, Any]) -> str:
    lines = [
        HEADER.format(
            shell="bash", use="source this file (protocol completion bash --install puts it in place)."
        )
    ]
    for name, pairs in _tables(m).items():
        lines += [f"declare -gA {name}=(", *[f"  [{json.dumps(k)}]={json.dumps(v)}" for k, v in pairs], ")"]
    lines += [f"{name}={json.dumps(value)}" for name, value in _lists(m)]
    return "\n".join([*lines, "", BASH_FUNCTION])


BASH_FUNCTION = r"""
_protocol_offer() {  # _protocol_offer CANDIDATES CUR [nospace]: fill COMPREPLY with whole words
    local IFS=$' \t\n'
    COMPREPLY=($(compgen -W "$1" -- "$2"))
    [[ -n "$3" ]] && compopt -o nospace 2>/dev/null
    return 0
}

_protocol_kind() {  # _protocol_kind KIND CUR PREVWORDS...: complete a value of this kind
    local kind="$1" cur="$2"
    case "$kind" in
        protocol) _protocol_offer "$_protocol_protocols" "$cur" ;;
        protocol-all) _protocol_offer "$_protocol_protocols all" "$cur" ;;
        scenario) _protocol_offer "$_protocol_scenarios" "$cur" ;;
        clause) _protocol_offer "$_protocol_clauses $_protocol_protocols" "$cur" ;;
        setting) _protocol_offer "$_protocol_settings" "$cur" ;;
        shell) _protocol_offer "$_protocol_shells" "$cur" ;;
        choice:*) _protocol_offer "${kind#choice:}" "$cur" ;;
        file) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
        answer)  # question=value; once a scenario is named ($scn, from _protocol_line), its own
            local q v out="" qs="${!_protocol_values[*]}"
            [[ -n "$scn" && -n "${_protocol_squestions[$scn]+x}" ]] && qs="${_protocol_squestions[$scn]}"
            if [[ "$cur" == *=* ]]; then
                q="${cur%%=*}"
                local vals="${_protocol_values[$q]}" key="$scn $q"
                [[ -n "$scn" && -n "${_protocol_svalues[$key]+x}" ]] && vals="${_protocol_svalues[$key]}"
                for v in $vals; do out+="$q=$v "; done
                _protocol_offer "$out" "$cur"
            else
                for q in $qs; do out+="$q= "; done
                _protocol_offer "$out" "$cur" nospace
            fi ;;
        *) COMPREPLY=() ;;
    esac
}

_protocol() {  # what TAB offers: whole words from _protocol_line, cut where bash splits the word
    _protocol_line
    # bash splits the word being completed at ':' and '=' (COMP_WORDBREAKS) and replaces only
    # what follows the last of them, so offer only that part: `recipient=<TAB>` gives `member`,
    # never `recipient=recipient=member`
    local line="${COMP_LINE:0:$COMP_POINT}" cut="" c i
    local word="${line##*[[:space:]]}"
    for (( i = ${#word} - 1; i >= 0; i-- )); do
        c="${word:i:1}"
        if [[ ( "$c" == ":" || "$c" == "=" ) && "$COMP_WORDBREAKS" == *"$c"* ]]; then
            cut="${word:0:i+1}"; break
        fi
    done
    if [[ -n "$cut" ]]; then
        for i in "${!COMPREPLY[@]}"; do COMPREPLY[$i]="${COMPREPLY[$i]#"$cut"}"; done
    fi
    return 0
}

_protocol_line() {
    local line="${COMP_LINE:0:$COMP_POINT}"
    local -a words
    read -r -a words <<< "$line"
    local cur=""
    [[ "$line" != *[[:space:]] ]] && { cur="${words[-1]}"; unset 'words[-1]'; }
    local cmdpath="protocol" i=1 w kind positional=0
    # the command path: group and command words right after `protocol`
    while (( i < ${#words[@]} )); do
        w="${words[$i]}"
        if [[ -n "${_protocol_subs[$cmdpath]+x}" && " ${_protocol_subs[$cmdpath]} " == *" $w "* ]]; then
            cmdpath="$cmdpath $w"; i=$((i + 1))
        elif [[ "$cmdpath" == protocol && "$w" == -* ]]; then
            i=$((i + 1))
        else
            break
        fi
    done
    # past the path: count positional words, skipping option values; note a named scenario
    local prev="" scn=""
    while (( i < ${#words[@]} )); do
        w="${words[$i]}"
        if [[ -n "$prev" ]]; then
            [[ "${_protocol_optkind[$cmdpath $prev]}" == scenario ]] && scn="$w"
            prev=""
        elif [[ "$w" == -* ]]; then
            [[ -n "${_protocol_optkind[$cmdpath ${w%%=*}]+x}" && "$w" != *=* ]] && prev="$w"
            [[ "$w" == *=* && "${_protocol_optkind[$cmdpath ${w%%=*}]}" == scenario ]] && scn="${w#*=}"
        else
            [[ -z "$scn" && " $_protocol_scenarios " == *" $w "* ]] && scn="$w"
            positional=$((positional + 1))
        fi
        i=$((i + 1))
    done
    if [[ -n "$prev" ]]; then
        _protocol_kind "${_protocol_optkind[$cmdpath $prev]}" "$cur"; return 0
    fi
    if [[ "$cur" == --*=* && -n "${_protocol_optkind[$cmdpath ${cur%%=*}]+x}" ]]; then
        local opt="${cur%%=*}"
        _protocol_kind "${_protocol_optkind[$cmdpath $opt]}" "${cur#*=}"
        local j; for j in "${!COMPREPLY[@]}"; do COMPREPLY[$j]="$opt=${COMPREPLY[$j]}"; done
        return 0
    fi
    if [[ "$cur" == -* ]]; then
        _protocol_offer "${_protocol_opts[$cmdpath]}" "$cur"; return 0
    fi
    if [[ -n "${_protocol_subs[$cmdpath]+x}" ]]; then
        _protocol_offer "${_protocol_subs[$cmdpath]}" "$cur"; return 0
    fi
    local -a args=(${_protocol_args[$cmdpath]})
    kind=""
    if (( positional < ${#args[@]} )) && [[ "${args[$positional]}" != "+" ]]; then
        kind="${args[$positional]}"
    elif [[ "${args[-1]}" == "+" ]]; then
        kind="${args[-2]}"
    fi
    if [[ "$cmdpath" == "protocol config set" && "$positional" == 1 ]]; then
        _protocol_offer "${_protocol_setting_values[${words[-1]}]}" "$cur"; return 0
    fi
    _protocol_kind "$kind" "$cur"
    return 0
}

complete -F _protocol protocol
""".lstrip("\n")


# --- zsh ----------------------------------------------------------------------------------


def zsh(m: dict[str, Any]) -> str:
    use = "name it _protocol in a folder on $fpath (protocol completion zsh --install), or source it."
    lines = ["#compdef protocol", HEADER.format(shell="zsh", use=use)]
    for name, pairs in _tables(m).items():
        lines += [
            f"typeset -gA {name}",
            f"{name}=(",
            *[f"  {json.dumps(k)} {json.dumps(v)}" for k, v in pairs],
            ")",
        ]
    lines += [f"typeset -g {name}={json.dumps(value)}" for name, value in _lists(m)]
    return "\n".join([*lines, "", ZSH_FUNCTION])


ZSH_FUNCTION = r"""
_protocol_kind() {  # _protocol_kind KIND: offer values of this kind for the current word
    local kind=$1 q
    case $kind in
        protocol) compadd -- ${=_protocol_protocols} ;;
        protocol-all) compadd -- ${=_protocol_protocols} all ;;
        scenario) compadd -- ${=_protocol_scenarios} ;;
        clause) compadd -- ${=_protocol_clauses} ${=_protocol_protocols} ;;
        setting) compadd -- ${=_protocol_settings} ;;
        shell) compadd -- ${=_protocol_shells} ;;
        choice:*) compadd -- ${=kind#choice:} ;;
        file) _files ;;
        answer)  # question=value; once a scenario is named ($scn, from _protocol), its own
            local -a qs
            qs=(${(k)_protocol_values})
            (( ${+_protocol_squestions[$scn]} )) && qs=(${=_protocol_squestions[$scn]})
            if [[ $PREFIX == *=* ]]; then
                q=${PREFIX%%=*}
                local vals=${_protocol_values[$q]}
                (( ${+_protocol_svalues[$scn $q]} )) && vals=${_protocol_svalues[$scn $q]}
                compset -P '*='
                compadd -- ${=vals}
            else
                compadd -S '' -- ${^qs}=
            fi ;;
    esac
}

_protocol() {
    local cmdpath=protocol w kind prev="" i=2 positional=0
    while (( i < CURRENT )); do
        w=${words[i]}
        if (( ${+_protocol_subs[$cmdpath]} )) && [[ " ${_protocol_subs[$cmdpath]} " == *" $w "* ]]; then
            cmdpath="$cmdpath $w"
        elif [[ $cmdpath == protocol && $w == -* ]]; then
            :
        else
            break
        fi
        (( i++ ))
    done
    local scn=""
    while (( i < CURRENT )); do
        w=${words[i]}
        if [[ -n $prev ]]; then
            [[ ${_protocol_optkind[$cmdpath $prev]} == scenario ]] && scn=$w
            prev=""
        elif [[ $w == -* ]]; then
            [[ $w != *=* ]] && (( ${+_protocol_optkind[$cmdpath ${w%%=*}]} )) && prev=$w
            [[ $w == *=* && ${_protocol_optkind[$cmdpath ${w%%=*}]} == scenario ]] && scn=${w#*=}
        else
            [[ -z $scn && " $_protocol_scenarios " == *" $w "* ]] && scn=$w
            (( positional++ ))
        fi
        (( i++ ))
    done
    if [[ -n $prev ]]; then
        _protocol_kind ${_protocol_optkind[$cmdpath $prev]}; return
    fi
    if [[ $PREFIX == -* ]]; then
        compadd -- ${=_protocol_opts[$cmdpath]}; return
    fi
    if (( ${+_protocol_subs[$cmdpath]} )); then
        compadd -- ${=_protocol_subs[$cmdpath]}; return
    fi
    local -a args
    args=(${=_protocol_args[$cmdpath]})
    kind=""
    if (( positional < ${#args} )) && [[ ${args[positional + 1]} != "+" ]]; then
        kind=${args[positional + 1]}
    elif [[ ${args[-1]} == "+" ]]; then
        kind=${args[-2]}
    fi
    if [[ $cmdpath == "protocol config set" && $positional == 1 ]]; then
        compadd -- ${=_protocol_setting_values[${words[CURRENT - 1]}]}; return
    fi
    _protocol_kind $kind
}

if [[ $funcstack[1] == _protocol ]]; then  # loaded from $fpath by compinit
    _protocol "$@"
else  # sourced
    compdef _protocol protocol
fi
""".lstrip("\n")


# --- fish ---------------------------------------------------------------------------------


def fish(m: dict[str, Any]) -> str:
    cmds = m["commands"]
    out = [
        "# fish completion for protocol. Generated by `make completions` from the command",
        "# declarations and the bundled data: TAB runs nothing but this script.",
        "# Use: protocol completion fish --install (or copy to ~/.config/fish/completions/).",
        "",
        "complete -c protocol -f",
        "",
        "function __protocol_path --description 'the command path on the line: \"protocol clauses show\"'",
        "    set -l words (commandline -opc)",
        "    set -l path protocol",
        "    set -e words[1]",
        "    for w in $words",
        "        switch (string join ' ' $path)",
    ]
    for key, v in cmds.items():
        if v["subs"]:
            out.append(f"            case {json.dumps(key)}")
            out.append(f"                if contains -- $w {_words(v['subs'])}")
            out.append("                    set path $path $w")
            out.append("                    continue")
            out.append("                end")
    out += [
        "        end",
        "        if test (count $path) -eq 1; and string match -q -- '-*' $w",
        "            continue",
        "        end",
        "        break",
        "    end",
        "    string join ' ' $path",
        "end",
        "",
        "function __protocol_at --argument-names wanted --description 'is the command path this?'",
        '    test (__protocol_path) = "$wanted"',
        "end",
        "",
        "function __protocol_scenario --description 'the scenario named on the line, if any'",
        "    set -l words (commandline -opc)",
        "    set -l next 0",
        "    for w in $words[2..-1]",
        "        if test $next = 1",
        "            echo $w",
        "            return",
        "        end",
        "        switch $w",
        "            case -s --scenario",
        "                set next 1",
        "            case '--scenario=*'",
        "                string replace -- --scenario= '' $w",
        "                return",
        f"            case {_words(m['scenarios'])}",
        "                echo $w",
        "                return",
        "        end",
        "    end",
        "end",
        "",
        "function __protocol_answers --description 'question=value pairs for --answer'",
        "    set -l token (commandline -ct | string replace -r '^(--answer=|-a)' '')",
        "    set -l scn (__protocol_scenario)",
        "    if string match -q -- '*=*' $token",
        "        set -l q (string split -m1 = -- $token)[1]",
        '        switch "$scn $q"',
    ]
    for sid, qs in m["scenario_questions"].items():
        for q, vals in qs.items():
            out.append(f"            case {json.dumps(f'{sid} {q}')}")
            out += [f"                echo {q}={v}" for v in vals]
    out.append("            case '*'")
    out.append("                switch $q")
    for q, vals in m["questions"].items():
        out.append(f"                    case {q}")
        out += [f"                        echo {q}={v}" for v in vals]
    out += [
        "                end",
        "        end",
        "    else",
        "        switch $scn",
    ]
    for sid, qs in m["scenario_questions"].items():
        out.append(f"            case {sid}")
        out += [f"                echo {q}=" for q in qs]
    out += [
        "            case '*'",
        *[f"                echo {q}=" for q in m["questions"]],
        "        end",
        "    end",
        "end",
        "",
        f"set -l __protocol_protocols {_words(m['protocols'])}",
        f"set -l __protocol_scenarios {_words(m['scenarios'])}",
        "",
    ]
    kind_args = {
        "protocol": "$__protocol_protocols",
        "protocol-all": "$__protocol_protocols all",
        "scenario": "$__protocol_scenarios",
        "clause": "(__protocol_clauses)",
        "setting": _words(m["settings"]),
        "shell": _words(m["shells"]),
        "answer": "(__protocol_answers)",
    }
    out += ["function __protocol_clauses", *[f"    echo {c}" for c in m["clauses"]], "end", ""]
    out += [
        "function __protocol_words_after --argument-names n --description 'exactly n words before this one?'",
        "    test (count (commandline -opc)) -eq $n",
        "end",
        "",
        "function __protocol_setting_values --description 'the values a setting takes'",
        "    switch (commandline -opc)[-1]",
        *[
            f"        case {k}\n" + "\n".join(f"            echo {v}" for v in vals)
            for k, vals in m["setting_values"].items()
        ],
        "    end",
        "end",
        "",
    ]
    for key, v in cmds.items():
        cond = f"__protocol_at {json.dumps(key)}"
        if v["subs"]:
            for sub in v["subs"]:
                out.append(f"complete -c protocol -n {json.dumps(cond)} -a {sub}")
        for opt in v["options"]:
            flags = []
            for o in opt["opts"]:
                flags.append(f"-l {o[2:]}" if o.startswith("--") else f"-s {o[1:]}")
            kind = opt["kind"]
            arg = ""
            if opt["value"]:
                if kind == "file":
                    arg = " -r -F"
                elif kind.startswith("choice:"):
                    arg = f" -x -a {json.dumps(kind[7:])}"
                elif kind in kind_args:
                    arg = f" -x -a {json.dumps(kind_args[kind])}"
                else:
                    arg = " -x"
            out.append(f"complete -c protocol -n {json.dumps(cond)} {' '.join(flags)}{arg}")
        if key == "protocol config set":  # KEY, then a value for that key
            out.append(
                f"complete -c protocol -n {json.dumps(cond + '; and __protocol_words_after 3')} "
                f"-a {json.dumps(_words(m['settings']))}"
            )
            out.append(
                f"complete -c protocol -n {json.dumps(cond + '; and __protocol_words_after 4')} "
                "-a '(__protocol_setting_values)'"
            )
            continue
        if v["args"] and not v["subs"]:
            kind = v["args"][0]
            if kind == "file":
                out.append(f"complete -c protocol -n {json.dumps(cond)} -F")
            elif kind in kind_args:
                out.append(f"complete -c protocol -n {json.dumps(cond)} -a {json.dumps(kind_args[kind])}")
    return "\n".join(out) + "\n"


# --- PowerShell -----------------------------------------------------------------------------


def powershell(m: dict[str, Any]) -> str:
    data = json.dumps(m, separators=(",", ":"))
    return (
        "# PowerShell completion for protocol. Generated by `make completions`: TAB runs nothing\n"
        "# but this script. Use: . ./protocol.ps1 (protocol completion powershell --install adds it\n"
        "# to your profile).\n"
        f"$ProtocolCompletion = ConvertFrom-Json @'\n{data}\n'@\n" + POWERSHELL_BLOCK
    )


POWERSHELL_BLOCK = r"""
Register-ArgumentCompleter -Native -CommandName protocol -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $m = $ProtocolCompletion
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
    if ($wordToComplete) { $words = @($words | Select-Object -SkipLast 1) }
    $path = 'protocol'
    foreach ($w in $words) {
        $subs = $m.commands.$path.subs
        if ($subs -and ($subs -contains $w)) { $path = $path + ' ' + $w }
        elseif (($path -eq 'protocol') -and ($w -like '-*')) { }
        else { break }
    }
    $cmd = $m.commands.$path
    $prev = if ($words.Count) { $words[-1] } else { '' }
    $kind = ''
    foreach ($o in $cmd.options) { if ($o.value -and ($o.opts -contains $prev)) { $kind = $o.kind } }
    $candidates = @()
    if ($wordToComplete -like '-*') { $candidates = @($cmd.options | ForEach-Object { $_.opts }) + '--help' }
    elseif ($kind) {
        switch -Wildcard ($kind) {
            'protocol' { $candidates = $m.protocols }
            'protocol-all' { $candidates = $m.protocols + 'all' }
            'scenario' { $candidates = $m.scenarios }
            'choice:*' { $candidates = $kind.Substring(7) -split ' ' }
            'answer' {
                if ($wordToComplete -like '*=*') {
                    $q = $wordToComplete.Split('=')[0]
                    $candidates = @($m.questions.$q | ForEach-Object { "$q=$_" })
                } else { $candidates = @($m.questions.PSObject.Properties.Name | ForEach-Object { "$_=" }) }
            }
        }
    }
    elseif ($cmd.subs) { $candidates = $cmd.subs }
    elseif ($cmd.args) {
        switch ($cmd.args[0]) {
            'protocol' { $candidates = $m.protocols }
            'scenario' { $candidates = $m.scenarios }
            'clause' { $candidates = $m.clauses }
            'setting' { $candidates = $m.settings }
            'shell' { $candidates = $m.shells }
        }
    }
    $candidates | Where-Object { $_ -like "$wordToComplete*" } |
        ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
}
""".lstrip("\n")


def completion_scripts(root: Any) -> dict[Path, str]:
    m = model(root)
    return {
        OUT / "protocol.bash": bash(m),
        OUT / "_protocol": zsh(m),
        OUT / "protocol.fish": fish(m),
        OUT / "protocol.ps1": powershell(m),
    }
