"""English messages of the trainer commands (validate, new, graph, config) and of the
scenario checks they print. Keys must match trainer_ja.py exactly (checked by a test).
YAML key names, snippets and ``file:line:col`` stay as the author types them."""

MESSAGES: dict[str, str] = {
    # callcoach validate
    "validate.no_such_path": "{path}: no such file or folder",
    "validate.failed.one": "{errors} error(s), {warnings} warning(s) in {files} file checked",
    "validate.failed.many": "{errors} error(s), {warnings} warning(s) in {files} files checked",
    "validate.ok.one": "1 file OK",
    "validate.ok.many": "{files} files OK",
    "validate.ok.warnings": " ({warnings} warning(s))",
    # problems (file:line:col: what — expected)
    "problem.warning": "warning: ",
    "problem.invalid_file": "invalid scenario file",
    "problem.and_more": " (and {count} more)",
    # the pre-pass: slips of a Japanese keyboard
    "prepass.indent": "a full-width space (U+3000) in the indentation",
    "prepass.indent.expected": (
        "indent with half-width spaces (switch the IME off, or type the space in ASCII)"
    ),
    "prepass.dash": "a full-width space after '-'",
    "prepass.dash.expected": "'- ' with a half-width space",
    "prepass.colon": "a full-width colon '{colon}' after {field!r}",
    "prepass.colon.expected": "a half-width colon and a space: '{field}: '",
    "prepass.space_after_key": "a full-width space after '{field}:'",
    "prepass.space_after_key.expected": "a half-width space: '{field}: '",
    "prepass.lookalike.curly": "a curly quote {quote} where YAML expects a quote",
    "prepass.lookalike.full_width": "a full-width quote {quote} where YAML expects a quote",
    "prepass.lookalike.expected": (
        "a straight half-width {straight} (turn off smart quotes); to keep "
        "the {quote} in the text, wrap it: {wrapped}"
    ),
    "prepass.runaway": (
        "the {quote} here is not closed on its line; the text runs on to line {line}"
    ),
    "prepass.runaway.expected": "a closing {quote} where the text ends",
    "prepass.inner": "this {quote} ends the quoted text early",
    "prepass.inner.double": (
        "quote the whole text with '…' instead (write a ' inside as ''), "
        'or write the inner quote as \\" — {brackets} also reads well in Japanese'
    ),
    "prepass.inner.single": (
        "write a ' inside '…' as '' (two quotes), or quote the text with \"…\""
    ),
    # warnings: the file loads but probably does not do what was meant
    "lint.file_name.scenario": "the file is named {name!r} but the scenario id is {id!r}",
    "lint.file_name.set": "the file is named {name!r} but the set id is {id!r}",
    "lint.file_name.expected": "the file saved as {file} (ids are what commands and sets use)",
    "lint.no_hang_up": (
        "no ending with outcome {outcome}: at mood {mood} the caller hangs up without last words"
    ),
    "lint.no_hang_up.expected": "an ending such as {example}",
    "lint.shadowed.always": (
        "branch never taken: branch {branch} (line {line}) before it always holds"
    ),
    "lint.shadowed.broader": (
        "branch never taken: branch {branch} (line {line}) before it holds whenever this one does"
    ),
    "lint.shadowed.expected": "the narrower branch first",
    "lint.dead_ending": (
        "ending {ending!r} can never be reached: only branches never taken lead to it"
    ),
    "lint.dead_ending.expected": "a live branch whose next names it",
    "lint.dead_turn": "turn {turn!r} is reached only through branches never taken",
    "lint.dead_turn.expected": "a live branch whose next leads here",
    "lint.unmet_key_phrase": "key phrase {phrase!r} is not in turn {turn!r}'s model answer",
    "lint.unmet_key_phrase.expected": (
        "a model answer that says it (or an alternative the recogniser would write)"
    ),
    # reading files
    "load.is_folder": "is a folder",
    "load.is_folder.expected": "a scenario file (.yaml)",
    "load.no_file": "no such file",
    "load.no_file.expected": "an existing scenario file",
    "load.cannot_read": "cannot read the file ({reason})",
    "load.cannot_read.expected": "a readable file",
    "load.too_big": "file is larger than 1 MiB",
    "load.too_big.expected": "a scenario file well under 1 MiB",
    "load.utf16": "the file is UTF-16",
    "load.utf8.expected": "UTF-8 text (save the file as UTF-8)",
    "load.binary": "binary data (a NUL byte)",
    "load.binary.expected": "a UTF-8 text file",
    "load.not_utf8": "not valid UTF-8 (byte {byte} at byte offset {offset})",
    "load.control_character": "control character {code} in the text",
    "load.bidi_control": "invisible text-direction control {code} in the text",
    "load.printable": "printable text",
    "load.second_document": "a second YAML document ('---')",
    "load.second_document.expected": "one document per file",
    "load.duplicate_key": "duplicate key {field} (first at line {line})",
    "load.duplicate_key.expected": "each key once per mapping",
    "load.folded_line": "this line break inside Japanese text becomes a space",
    "load.folded_line.expected": "the sentence on one line, or '|' to keep the line break",
    "load.syntax": "YAML syntax error: {detail}",
    "load.syntax.mapping_values": "quote text that contains ': ' and check the indentation",
    "load.syntax.expected_colon": "'key: value' on each line of a mapping",
    "load.syntax.expected_key": "keys of one mapping at the same indentation",
    "load.syntax.tab": "spaces for indentation (no tabs)",
    "load.syntax.tag": "plain YAML values without tags",
    "load.syntax.quotes": (
        "quotes that close where the text ends: text with \" inside goes in '…',"
        " a ' inside '…' is written ''"
    ),
    "load.syntax.valid": "valid YAML syntax",
    "load.format_help": "format: {scenario} (or {set} for a set)",
    "load.empty": "empty file",
    "load.holds_list": "the file holds a list",
    "load.holds_value": "the file holds a single value",
    "load.holds.expected": "a mapping that starts with {format}",
    "load.no_format": "no 'format' key",
    "load.format_version": "unsupported format version {format!r}",
    "load.format_other": "format {format!r} is not a scenario or a set",
    "load.kind.scenario": "a scenario file",
    "load.kind.set": "a set file",
    "load.wrong_kind": "this is {kind}",
    "load.empty_folder": "no .yaml files in this folder",
    "load.empty_folder.expected": "scenario files",
    "load.duplicate_id": "scenario id {id!r} is also used by {other}",
    "load.duplicate_id.expected": "a unique scenario id",
    "load.unsearched_folder": "scenario {id!r} is in {folder}, a folder no command searches",
    "load.unsearched_folder.expected": (
        "--scenarios {folder}, or `callcoach config --add-scenarios {folder}`"
    ),
    "load.unknown_member": "unknown scenario {id!r}{hint}",
    "load.unknown_member.expected": "an id from the library or from the files being validated",
    "load.no_scenario_file": "{path}: no such scenario file",
    "load.unknown_scenario": "unknown scenario {id}{hint} (`callcoach list` shows them all)",
    "load.unknown_scenario.hint": " — did you mean {ids}?",
    # the shape of the format (spec.py): what a field got and what it takes
    "spec.the_file": "the file",
    "spec.kind.bool": "{value} (true/false; quote it if you meant the text)",
    "spec.kind.null": "nothing (null)",
    "spec.kind.number": "the number {value}",
    "spec.kind.text": "text",
    "spec.kind.list": "a list",
    "spec.kind.mapping": "a mapping",
    "spec.did_you_mean": " (did you mean {name}?)",
    "spec.got": "{where}: got {kind}",
    "spec.one_of": "one of {choices}",
    "spec.text": "text",
    "spec.not_allowed": "{where}: {value} is not allowed{hint}",
    "spec.bad_name": "{where}: {value} is not a valid name",
    "spec.empty_text": "{where}: empty text",
    "spec.empty_text.expected": "non-empty text",
    "spec.control_free": (
        "printable text (no escape or other control characters, no bidi overrides)"
    ),
    "spec.colon_in_text": "{where}: got a mapping — the ': ' in {line} makes it 'key: value'",
    "spec.colon_in_text.expected": "put the line in quotes: {quoted}",
    "spec.whole_number": "a whole number",
    "spec.number": "a number",
    "spec.range": "{what} from {low} to {high}",
    "spec.above": "{what} above {low}",
    "spec.at_least": "{what} at least {low}",
    "spec.out_of_range": "{where}: {value} is out of range",
    "spec.bool": "true or false",
    "spec.or_null": "{inner}, or null",
    "spec.list": "a list of {item}{single}",
    "spec.list.non_empty": "a non-empty list of {item}{single}",
    "spec.list.single": ' (write ["…"] for a single one)',
    "spec.empty_list": "{where}: empty list",
    "spec.repeated": "{where}: {value} repeated",
    "spec.repeated.expected": "once",
    "spec.map_of": "a mapping of name → {value}",
    "spec.empty_mapping": "{where}: empty mapping",
    "spec.key_help": "lower-case letters, digits, '-' and '_'",
    "spec.name_of": "a name of {help}",
    "spec.id_chars": "lower-case letters, digits and '-'",
    "spec.help.id": "an id of lower-case letters, digits and '-'",
    "spec.help.turn_id": "a turn id of lower-case letters, digits, '-' and '_'",
    "spec.help.target": "a turn or ending id",
    "spec.help.scenario_id": "a scenario id",
    "spec.or": " or ",
    "spec.mapping_with": "a mapping with {keys}",
    "spec.unknown_key": "{where}: unknown key {field}{hint}",
    "spec.missing": "{where}: missing {field}",
    # whole-scenario checks (checks.py)
    "check.turn_twice": "turn id {turn!r} used twice (first at line {line})",
    "check.turn_twice.expected": "a unique turn id",
    "check.turn_and_ending": "{turn!r} is both a turn and an ending",
    "check.turn_and_ending.expected": "different ids for turns and endings",
    "check.calm_not_below": "mood.calm {calm} is not below mood.hang_up {hang_up}",
    "check.start_hangs_up": "mood.start {start} means the caller hangs up at once",
    "check.start_hangs_up.expected": "a start below hang_up ({hang_up})",
    "check.start_calm": "mood.start {start} is already calm (calm = {calm})",
    "check.start_calm.expected": "a start above calm",
    "check.level_hangs_up": (
        "at level {level} the caller starts at mood {start} and hangs up at once"
    ),
    "check.level_hangs_up.expected": "start + start_mood below {hang_up}",
    "check.pace": "caller.pace {pace} is unusual for language {language}",
    "check.pace.expected": "{unit}, about {low}–{high}",
    "check.pace.mora": "mora/s",
    "check.pace.words": "words/min",
    "check.bad_expects": "expects {category!r}, which a good reply should not contain",
    "check.bad_expects.expected": "categories of a good reply",
    "check.no_otherwise": (
        "turn {turn!r} has no 'otherwise': with no match the caller repeats the line"
    ),
    "check.no_otherwise.expected": "an 'otherwise' branch",
    "check.phrase_twice": "key phrase {phrase!r} listed twice",
    "check.phrase_twice.expected": "each key phrase once",
    "check.bad_next": "next {next!r} is neither a turn nor an ending{hint}",
    "check.unknown_phrase": "{field} names {name!r}, which turn {turn!r} does not define{hint}",
    "check.unknown_phrase.none": "none defined on this turn",
    "check.unknown_phrase.expected": "a name under this turn's key_phrases ({defined})",
    "check.mood_never": "mood_at_least {low} and mood_below {high} can never both hold",
    "check.clash": "{names} both required and excluded: the branch never holds",
    "check.clash.expected": "a condition that can hold",
    "check.unreached_turn": "turn {turn!r} can never be reached from the first turn",
    "check.unreached_turn.expected": "a branch whose next leads here",
    "check.unused_ending": "ending {ending!r} is never used",
    "check.unused_ending.expected": "a branch whose next names it",
    "check.stuck": "from turn {turn!r} no path leads to an ending",
    "check.stuck.expected": "some branch chain that ends the call",
    "check.listing_more": " … ({count} in all)",
    # format /2 (version2.py, condition_checks.py)
    "format.lone_brace": "a lone {token} in {text}",
    "format.unknown_placeholder": "unknown placeholder {placeholder}{hint}",
    "format.no_company": "{placeholder} is used but the scenario has no 'company:'",
    "format.placeholders": "{trainee} or {company}; write {braces} for a literal brace",
    "format.new_key": "{field} is new in {format}",
    "format.no_landing": "expected_outcome {outcome}: no ending has outcome {outcome}",
    "format.no_landing.expected": "an ending with {outcome}",
    "format.phrase_options": "key phrase {phrase!r}: options are new in {format}",
    "cond.bad_skip_to": "skip_to {target!r} is neither a turn nor an ending{hint}",
    "cond.nowhere_to_skip": "turn {turn!r} has {by} but nowhere to go when it is skipped",
    "cond.nowhere_to_skip.expected": "a 'skip_to' or an 'otherwise'",
    "cond.never_skipped": "skip_to without unless_told or once: the turn is never skipped",
    "cond.never_skipped.expected": "unless_told: [key phrase …] or {example}",
    "cond.asked_not_turn": "asked names {name!r}, which is not a turn{hint}",
    "cond.asked_not_turn.expected": "a turn id",
    "cond.answers": "model_answers has {answers} answers for {variants} variants of say",
    "cond.answers.expected": "one answer per say variant, in order",
    "cond.hold_never": "hold_over {high} and hold_under {low} can never both hold",
    "cond.none_defined": "none defined",
    "cond.unknown_phrase": "{field} names {name!r}, which any turn does not define{hint}",
    "cond.unknown_phrase.expected": "a name under a turn's key_phrases ({defined})",
    # callcoach new
    "new.bad_id": "{id} is not a valid scenario id — expected {help}",
    "new.exists": "{path}: already exists — choose another id or --out",
    "new.cannot_write": "{path}: cannot write the draft ({reason})",
    "new.no_parent": "--out {out}: no such folder {folder}",
    "new.no_folder": "--out {out}: no such folder (give a folder or a .yaml file)",
    "new.wrote": "wrote {path} ({language}, {caller} caller) — fill in the TODOs, then:",
    # callcoach graph
    "graph.always": "always",
    "graph.skipped_when_told": "skipped when told: {facts}",
    "graph.mood": "mood {change}",
    "graph.unreached": "not reached from the first turn: {turns}",
    "graph.never_taken.tree": "  (never taken: an earlier branch always catches it)",
    "graph.never_taken": " (never taken)",
    "graph.aria": "branch graph",
    "graph.legend": (
        "Turns are blue boxes, endings rounded (green resolved, orange escalated, red hung up). "
        "Arrows: red raises the mood, green lowers it, numbers are the mood changes; "
        "dashed = never taken. Hover an arrow for its conditions; the table lists every branch."
    ),
    "graph.turns": "Turns",
    "graph.col.turn": "turn",
    "graph.col.says": "caller says",
    "graph.col.branches": "branches",
    "graph.col.answer": "model answer",
    "graph.wrote": "wrote {path}",
    # callcoach config
    "config.settings": "settings: {path}",
    "config.folders": "scenario folders (a later one wins when ids clash):",
    "config.source.bundled": "bundled",
    "config.not_found": "  (not found)",
    "config.no_such_folder": "--add-scenarios {folder}: no such folder",
    "config.not_remembered": "--remove-scenarios {folder}: not a remembered folder",
}
