"""トレーナー向けコマンド（validate / new / graph / config）とシナリオ検査の文言。
キーは trainer_en.py と完全に一致させる（テストで確認）。YAML のキー名、例の書き方、
``file:line:col`` は作者が入力するとおりに残す。"""

MESSAGES: dict[str, str] = {
    # callcoach validate
    "validate.no_such_path": "{path}: ファイルもフォルダも見つかりません",
    "validate.failed.one": "エラー {errors} 件、警告 {warnings} 件（{files} ファイルを確認）",
    "validate.failed.many": "エラー {errors} 件、警告 {warnings} 件（{files} ファイルを確認）",
    "validate.ok.one": "1 ファイル: 問題ありません",
    "validate.ok.many": "{files} ファイル: 問題ありません",
    "validate.ok.warnings": "（警告 {warnings} 件）",
    # 問題の表示（file:line:col: 内容 — 直し方）
    "problem.warning": "警告: ",
    "problem.invalid_file": "シナリオファイルとして読めません",
    "problem.and_more": "（ほか {count} 件）",
    # 事前チェック: 日本語入力での打ち間違い
    "prepass.indent": "インデントに全角スペース（U+3000）があります",
    "prepass.indent.expected": "半角スペースでインデントしてください（IME をオフにして入力）",
    "prepass.dash": "'-' の後が全角スペースです",
    "prepass.dash.expected": "'- ' のように半角スペースを入れてください",
    "prepass.colon": "{field!r} の後のコロンが全角の '{colon}' です",
    "prepass.colon.expected": "半角のコロンとスペースで '{field}: ' と入力してください",
    "prepass.space_after_key": "'{field}:' の後が全角スペースです",
    "prepass.space_after_key.expected": "半角スペースで '{field}: ' と入力してください",
    "prepass.lookalike.curly": "YAML の引用符の位置に、曲がった引用符 {quote} があります",
    "prepass.lookalike.full_width": "YAML の引用符の位置に、全角の引用符 {quote} があります",
    "prepass.lookalike.expected": (
        "半角の {straight} を入力してください（スマート引用符はオフに）。"
        "{quote} を文中に残すなら、全体を囲みます: {wrapped}"
    ),
    "prepass.runaway": "この {quote} が行内で閉じていないため、{line} 行目まで文字列が続いています",
    "prepass.runaway.expected": "文字列の終わりに閉じの {quote} を入れてください",
    "prepass.inner": "この {quote} で文字列が途中で終わっています",
    "prepass.inner.double": (
        "全体を '…' で囲んでください（中の ' は '' と書きます）。"
        '中の引用符を \\" と書いても構いません。日本語の文なら {brackets} も読みやすい選択です'
    ),
    "prepass.inner.single": "'…' の中の ' は '' と 2 つ重ねるか、全体を \"…\" で囲んでください",
    # 警告: 読み込めるが、意図どおりに動かないおそれがあるもの
    "lint.file_name.scenario": "ファイル名は {name!r} ですが、シナリオの id は {id!r} です",
    "lint.file_name.set": "ファイル名は {name!r} ですが、セットの id は {id!r} です",
    "lint.file_name.expected": (
        "{file} という名前で保存してください（コマンドやセットでは id で指定します）"
    ),
    "lint.no_hang_up": (
        "outcome が {outcome} の結末がありません。気分が {mood} に達すると、"
        "お客様は何も言わずに電話を切ります"
    ),
    "lint.no_hang_up.expected": "{example} のような結末を追加してください",
    "lint.shadowed.always": (
        "この分岐は使われません: 前にある分岐 {branch}（{line} 行目）が常に成り立ちます"
    ),
    "lint.shadowed.broader": (
        "この分岐は使われません: 前にある分岐 {branch}（{line} 行目）が、"
        "この分岐の成り立つときは必ず成り立ちます"
    ),
    "lint.shadowed.expected": "条件の狭い分岐を先に置いてください",
    "lint.dead_ending": "結末 {ending!r} には到達できません（使われない分岐からしか行けません）",
    "lint.dead_ending.expected": "使われる分岐の next でこの結末を指定してください",
    "lint.dead_turn": "ターン {turn!r} には、使われない分岐からしか到達できません",
    "lint.dead_turn.expected": "使われる分岐の next でこのターンを指定してください",
    "lint.unmet_key_phrase": "キーフレーズ {phrase!r} がターン {turn!r} の模範応答にありません",
    "lint.unmet_key_phrase.expected": (
        "模範応答にこのフレーズ（または音声認識が書き起こす言い方）を入れてください"
    ),
    # ファイルの読み込み
    "load.is_folder": "フォルダです",
    "load.is_folder.expected": "シナリオファイル（.yaml）を指定してください",
    "load.no_file": "ファイルがありません",
    "load.no_file.expected": "存在するシナリオファイルを指定してください",
    "load.cannot_read": "ファイルを読み込めません（{reason}）",
    "load.cannot_read.expected": "読み取れるファイルを指定してください",
    "load.too_big": "ファイルが 1 MiB を超えています",
    "load.too_big.expected": "1 MiB より十分小さいシナリオファイルにしてください",
    "load.utf16": "ファイルが UTF-16 で保存されています",
    "load.utf8.expected": "UTF-8 で保存し直してください",
    "load.binary": "バイナリデータ（NUL バイト）が含まれています",
    "load.binary.expected": "UTF-8 のテキストファイルにしてください",
    "load.not_utf8": "UTF-8 として読めません（バイト位置 {offset} の {byte}）",
    "load.control_character": "本文に制御文字 {code} があります",
    "load.bidi_control": "本文に見えない文字方向の制御記号 {code} があります",
    "load.printable": "表示できる文字だけにしてください",
    "load.yaml_character": "文字 {code} は YAML では使えません",
    "load.too_many": "1 ファイルの値が多すぎます",
    "load.too_many.expected": "{most} 個未満にしてください",
    "load.alias": "エイリアス {alias} は使えません",
    "load.anchor": "アンカー {anchor} は使えません",
    "load.written_out": "値はそれぞれ書き出してください",
    "load.too_deep": "入れ子が {depth} 段より深くなっています",
    "load.too_deep.expected": "もっと浅い構造にしてください",
    "load.complex_key": "リストやマッピングがキーになっています",
    "load.complex_key.expected": "キーは普通の名前にしてください",
    "load.unreadable_value": "{value} を{kind}として読めません",
    "load.unreadable_value.expected": "YAML が読める値にしてください",
    "load.tag": "タグ {tag} は使えません",
    "load.tag_on": "{kind} にタグ {tag} が付いています",
    "load.no_tag": "タグを外してください",
    "load.second_document": "2 つ目の YAML 文書（'---'）があります",
    "load.second_document.expected": "1 ファイルに 1 文書だけにしてください",
    "load.duplicate_key": "キー {field} が重複しています（最初は {line} 行目）",
    "load.duplicate_key.expected": "同じマッピングの中では、各キーを 1 回だけ書いてください",
    "load.folded_line": "日本語の文の途中で改行しているため、読み込むと空白が入ります",
    "load.folded_line.expected": "文を 1 行にまとめるか、改行を残すなら '|' を使ってください",
    "load.syntax": "YAML の構文エラー: {detail}",
    "load.syntax.mapping_values": "': ' を含む文は引用符で囲み、インデントを確認してください",
    "load.syntax.expected_colon": "マッピングの各行を「キー: 値」の形にしてください",
    "load.syntax.expected_key": "同じマッピングのキーはインデントをそろえてください",
    "load.syntax.tab": "インデントはスペースにしてください（タブは使えません）",
    "load.syntax.tag": "タグを付けない普通の YAML の値にしてください",
    "load.syntax.quotes": (
        "引用符は文字列の終わりで閉じてください。\" を含む文は '…' で囲み、"
        "'…' の中の ' は '' と書きます"
    ),
    "load.syntax.valid": "正しい YAML の書き方にしてください",
    "load.format_help": "format: {scenario}（セットなら {set}）",
    "load.empty": "ファイルが空です",
    "load.holds_list": "ファイルの中身がリストです",
    "load.holds_value": "ファイルの中身が値 1 つだけです",
    "load.holds.expected": "{format} で始まるマッピングにしてください",
    "load.no_format": "'format' キーがありません",
    "load.format_version": "対応していない形式のバージョンです: {format!r}",
    "load.format_other": "format {format!r} はシナリオでもセットでもありません",
    "load.kind.scenario": "シナリオファイル",
    "load.kind.set": "セットファイル",
    "load.wrong_kind": "これは{kind}です",
    "load.empty_folder": "このフォルダに .yaml ファイルがありません",
    "load.empty_folder.expected": "シナリオファイルを置いてください",
    "load.duplicate_id": "シナリオ id {id!r} は {other} でも使われています",
    "load.duplicate_id.expected": "ほかと重ならない id にしてください",
    "load.unsearched_folder": (
        "シナリオ {id!r} は {folder} にありますが、このフォルダはどのコマンドも探しません"
    ),
    "load.unsearched_folder.expected": (
        "--scenarios {folder} を付けるか、`callcoach config --add-scenarios {folder}` "
        "で登録してください"
    ),
    "load.unknown_member": "シナリオ {id!r} が見つかりません{hint}",
    "load.unknown_member.expected": "ライブラリか、検査中のファイルにある id を指定してください",
    "load.no_folder": "シナリオのフォルダが見つかりません",
    "load.no_folder.expected": "存在するフォルダを指定してください",
    "load.overrides": "id {id!r} は {earlier} でも定義されています。このファイルの方が優先されます",
    "load.overrides.expected": "重ならない id にしてください",
    "load.no_scenario_file": "{path}: シナリオファイルがありません",
    "load.unknown_scenario": "シナリオ {id} が見つかりません{hint}（一覧は `callcoach list`）",
    "load.unknown_scenario.hint": "（{ids} のことですか？）",
    # 形式の検査（spec.py）: 値が何になっていて、何を書けばよいか
    "spec.the_file": "ファイル全体",
    "spec.kind.bool": "{value}（真偽値。文字列のつもりなら引用符で囲んでください）",
    "spec.kind.null": "空（null）",
    "spec.kind.number": "数値 {value}",
    "spec.kind.text": "文字列",
    "spec.kind.list": "リスト",
    "spec.kind.mapping": "マッピング",
    "spec.did_you_mean": "（{name} のことですか？）",
    "spec.got": "{where}: {kind}になっています",
    "spec.one_of": "次のいずれか: {choices}",
    "spec.text": "文字列",
    "spec.not_allowed": "{where}: {value} は使えません{hint}",
    "spec.bad_name": "{where}: {value} は名前として使えません",
    "spec.empty_text": "{where}: 文字列が空です",
    "spec.empty_text.expected": "空でない文字列",
    "spec.control_free": "表示できる文字（エスケープなどの制御文字、文字方向の制御記号は不可）",
    "spec.colon_in_text": (
        "{where}: マッピングになっています — {line} の ': ' で「キー: 値」と読まれました"
    ),
    "spec.colon_in_text.expected": "行全体を引用符で囲んでください: {quoted}",
    "spec.whole_number": "整数",
    "spec.number": "数値",
    "spec.range": "{low} 以上 {high} 以下の{what}",
    "spec.above": "{low} より大きい{what}",
    "spec.at_least": "{low} 以上の{what}",
    "spec.out_of_range": "{where}: {value} は範囲外です",
    "spec.bool": "true か false",
    "spec.or_null": "{inner}、または null",
    "spec.list": "{item}のリスト{single}",
    "spec.list.non_empty": "{item}のリスト（1 つ以上）{single}",
    "spec.list.single": '（1 つだけでも ["…"] と書きます）',
    "spec.empty_list": "{where}: リストが空です",
    "spec.repeated": "{where}: {value} が重複しています",
    "spec.repeated.expected": "1 回だけ",
    "spec.map_of": "名前 → {value} のマッピング",
    "spec.empty_mapping": "{where}: マッピングが空です",
    "spec.key_help": "小文字の英字・数字・'-'・'_'",
    "spec.name_of": "{help}からなる名前",
    "spec.id_chars": "小文字の英字・数字・'-'",
    "spec.help.id": "小文字の英字・数字・'-' からなる id",
    "spec.help.turn_id": "小文字の英字・数字・'-'・'_' からなるターン id",
    "spec.help.turn": "ターン id",
    "spec.help.target": "ターンまたは結末の id",
    "spec.help.scenario_id": "シナリオ id",
    "spec.or": "、または ",
    "spec.mapping_with": "{keys} を持つマッピング",
    "spec.unknown_key": "{where}: 不明なキー {field}{hint}",
    "spec.avoid_one": "avoid[{index}]: 'phrase' か 'alternatives' のどちらか一方を書いてください",
    "spec.avoid_one.expected": "{phrase} または {alternatives}",
    "spec.missing": "{where}: {field} がありません",
    # シナリオ全体の検査（checks.py）
    "check.turn_twice": "ターン id {turn!r} が 2 回使われています（最初は {line} 行目）",
    "check.turn_twice.expected": "重ならないターン id にしてください",
    "check.turn_and_ending": "{turn!r} がターンと結末の両方に使われています",
    "check.turn_and_ending.expected": "ターンと結末には別々の id を付けてください",
    "check.calm_not_below": "mood.calm {calm} が mood.hang_up {hang_up} より小さくありません",
    "check.start_hangs_up": "mood.start が {start} のため、お客様がすぐに電話を切ります",
    "check.start_hangs_up.expected": "start は hang_up（{hang_up}）より小さくしてください",
    "check.start_calm": "mood.start {start} の時点ですでに落ち着いています（calm = {calm}）",
    "check.start_calm.expected": "start は calm より大きくしてください",
    "check.level_hangs_up": (
        "レベル {level} ではお客様の気分が {start} から始まり、すぐに電話を切ります"
    ),
    "check.level_hangs_up.expected": "start + start_mood を {hang_up} より小さくしてください",
    "check.pace": "caller.pace {pace} は言語 {language} としては珍しい値です",
    "check.pace.expected": "{unit}で {low}〜{high} 程度",
    "check.pace.mora": "毎秒のモーラ数",
    "check.pace.words": "毎分の語数",
    "check.bad_expects": "expects に {category!r} がありますが、良い応答には含めないものです",
    "check.bad_expects.expected": "良い応答に含めるカテゴリーにしてください",
    "check.no_otherwise": (
        "ターン {turn!r} に 'otherwise' がありません。どの分岐にも合わないと、"
        "お客様は同じ発言を繰り返します"
    ),
    "check.no_otherwise.expected": "'otherwise' の分岐を追加してください",
    "check.phrase_twice": "キーフレーズ {phrase!r} が 2 回書かれています",
    "check.phrase_twice.expected": "各キーフレーズは 1 回だけにしてください",
    "check.bad_next": "next {next!r} はターンでも結末でもありません{hint}",
    "check.unknown_phrase": "{field} の {name!r} は、ターン {turn!r} で定義されていません{hint}",
    "check.unknown_phrase.none": "このターンには定義がありません",
    "check.unknown_phrase.expected": "このターンの key_phrases にある名前（{defined}）",
    "check.mood_never": "mood_at_least {low} と mood_below {high} は同時に成り立ちません",
    "check.clash": "{names} が必須と除外の両方に入っているため、この分岐は成り立ちません",
    "check.clash.expected": "成り立ちうる条件にしてください",
    "check.unreached_turn": "ターン {turn!r} には最初のターンから到達できません",
    "check.unreached_turn.expected": "どこかの分岐の next でこのターンを指定してください",
    "check.unused_ending": "結末 {ending!r} はどこからも使われていません",
    "check.unused_ending.expected": "どこかの分岐の next でこの結末を指定してください",
    "check.stuck": "ターン {turn!r} から結末に至る道がありません",
    "check.stuck.expected": "通話が終わるように分岐をつないでください",
    "check.listing_more": " …（全 {count} 件）",
    # 形式 /2（version2.py、condition_checks.py）
    "format.lone_brace": "{text} に対になっていない {token} があります",
    "format.unknown_placeholder": "不明な差し込み項目 {placeholder}{hint}",
    "format.no_company": "{placeholder} を使っていますが、シナリオに 'company:' がありません",
    "format.placeholders": "{trainee} か {company}。波かっこそのものは {braces} と書きます",
    "format.new_key": "{field} は {format} で追加された項目です",
    "format.no_landing": (
        "expected_outcome が {outcome} ですが、outcome が {outcome} の結末がありません"
    ),
    "format.no_landing.expected": "{outcome} の結末を用意してください",
    "format.phrase_options": "キーフレーズ {phrase!r}: オプションは {format} からの書き方です",
    "cond.bad_skip_to": "skip_to {target!r} はターンでも結末でもありません{hint}",
    "cond.nowhere_to_skip": (
        "ターン {turn!r} に {by} がありますが、省略したときの行き先がありません"
    ),
    "cond.nowhere_to_skip.expected": "'skip_to' か 'otherwise' を書いてください",
    "cond.wait_say_unused": (
        "ターン {turn!r} の wait_say は使われません（waits: 0 で、待つ依頼を受けません）"
    ),
    "cond.wait_say_unused.expected": "waits を 1 以上にするか、wait_say を削除",
    "cond.never_skipped": ("unless_told も once もない skip_to です。このターンは省略されません"),
    "cond.never_skipped.expected": "unless_told: [キーフレーズ …] か {example}",
    "cond.asked_not_turn": "asked の {name!r} はターンではありません{hint}",
    "cond.asked_not_turn.expected": "ターン id",
    "cond.answers": "say の {variants} 通りに対して model_answers が {answers} 件です",
    "cond.answers.expected": "say の各言い方に 1 つずつ、同じ順に書いてください",
    "cond.hold_never": "hold_over {high} と hold_under {low} は同時に成り立ちません",
    "cond.none_defined": "定義なし",
    "cond.unknown_phrase": "{field} の {name!r} は、どのターンにも定義されていません{hint}",
    "cond.unknown_phrase.expected": "いずれかのターンの key_phrases にある名前（{defined}）",
    # callcoach new
    "new.bad_id": "{id} はシナリオ id に使えません — {help}で書いてください",
    "new.exists": "{path}: すでにあります — 別の id にするか、--out で書き出し先を指定してください",
    "new.cannot_write": "{path}: 下書きを書き込めません（{reason}）",
    "new.no_parent": "--out {out}: フォルダ {folder} がありません",
    "new.no_folder": (
        "--out {out}: フォルダがありません（フォルダか .yaml ファイルを指定してください）"
    ),
    "new.wrote": (
        "{path} を作成しました（{language}、お客様: {caller}）。"
        "TODO を埋めたら、次のコマンドで確認してください:"
    ),
    # callcoach graph
    "graph.always": "常に",
    "graph.skipped_when_told": "伝達済みなら省略: {facts}",
    "graph.skipped_when_asked": "質問済みなら省略",
    "graph.waits": "⏸ 「お待ちください」への返事: {line}",
    "graph.no_wait": "⏸ 待たない（「お待ちください」も返答として判断）",
    "graph.mood": "気分 {change}",
    "graph.unreached": "最初のターンから到達しないターン: {turns}",
    "graph.never_taken.tree": "  （使われない分岐: 前の分岐が常に先に成り立ちます）",
    "graph.never_taken": "（使われない分岐）",
    "graph.aria": "分岐図",
    "graph.legend": (
        "青い四角はターン、角の丸い四角は結末です（緑: 解決、橙: エスカレーション、"
        "赤: お客様が切電）。矢印の赤は気分（怒り）を上げ、緑は下げます。数字は気分の変化、"
        "破線は使われない分岐です。矢印にマウスを重ねると条件が表示されます。"
        "すべての分岐は下の表にあります。"
    ),
    "graph.turns": "ターン",
    "graph.col.turn": "ターン",
    "graph.col.says": "お客様の発言",
    "graph.col.branches": "分岐",
    "graph.col.answer": "模範応答",
    "graph.wrote": "{path} に書き出しました",
    # callcoach config
    "config.settings": "設定ファイル: {path}",
    "config.folders": "シナリオのフォルダ（同じ id があれば後のものが優先）:",
    "config.source.bundled": "同梱",
    "config.not_found": "  （見つかりません）",
    "config.no_such_folder": "--add-scenarios {folder}: フォルダがありません",
    "config.not_remembered": "--remove-scenarios {folder}: 登録されていないフォルダです",
}
