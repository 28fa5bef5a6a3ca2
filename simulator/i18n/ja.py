"""日本語のインターフェース文言。キーは en.py と完全に一致させる（テストで確認）。"""

MESSAGES: dict[str, str] = {
    # キー操作（フッター）
    "binding.abandon": "切電",
    "binding.back": "戻る",
    "binding.cancel": "取消",
    "binding.hint": "ヒント",
    "binding.history": "履歴",
    "binding.progress": "成績推移",
    "home.progress_needs_name": "成績推移を見るには、まず n キーで氏名を設定してください。",
    "progress.title": "{name} さんの成績の推移",
    "progress.loading": "読み込み中…",
    "progress.empty": "採点済みの通話はまだありません。",
    "progress.total": "総合点（{count} 件）",
    "progress.axis_score": "得点",
    "progress.axis_calls": "通話（古い順）→",
    "progress.series_total": "総合点",
    "due.heading": "課題",
    "due.line": "{set}  期限 {due}  残り {left}/{attempts} 回{best}",
    "due.best": "  最高 {best:g} 点",
    "due.overdue": "（期限切れ）",
    "binding.hold": "保留",
    "binding.home": "ホーム",
    "binding.level": "レベル",
    "binding.no": "いいえ",
    "binding.only_mine": "自分のみ",
    "binding.open_result": "開く",
    "binding.open": "ブリーフィング",
    "binding.practice": "練習モード",
    "binding.quit": "終了",
    "binding.retry": "再挑戦",
    "binding.next_scenario": "次のシナリオへ",
    "binding.play_turn": "再生",
    "binding.stop_playback": "停止",
    "binding.start": "通話開始",
    "binding.trainee": "氏名",
    "binding.yes": "はい",
    # ホーム
    "home.title": "CallCoach — 通話を選ぶ",
    "home.col.title": "シナリオ",
    "home.col.caller": "お客様",
    "home.col.level": "難易度",
    "home.col.language": "言語",
    "home.language.ja": "日本語",
    "home.language.en": "英語",
    "home.trainee": "研修者: {name}",
    "home.no_trainee": "（未設定 — n キーで設定）",
    "home.empty": "条件に合うシナリオがありません。",
    "home.no_scenarios": "シナリオが見つかりません。--scenarios DIR でフォルダを追加してください。",
    "home.problems": "エラーのため {count} 件のシナリオを読み飛ばしました"
    "（callcoach validate で確認）",
    "filter.any_language": "すべての言語",
    "filter.any_caller": "すべてのお客様",
    "filter.any_level": "すべての難易度",
    # 氏名ダイアログ
    "trainee.control": "名前に制御文字（エスケープコード、タブ、文字方向の制御記号）は使えません。",
    "trainee.prompt": "お名前（通話記録に保存されます）:",
    "trainee.placeholder": "例: 佐藤",
    # 履歴
    "history.title": "過去の通話",
    "history.col.when": "日時",
    "history.col.scenario": "シナリオ",
    "history.col.trainee": "研修者",
    "history.col.outcome": "結果",
    "history.col.score": "得点",
    "history.loading": "読み込み中…",
    "history.empty": "まだ通話がありません。",
    "history.not_stored": "通話は保存されていません（--no-store）。",
    "history.needs_name": (
        "このデータベースにはトレーナーがいます。通話を見るには、ホーム画面の n キーで"
        "氏名を設定するか、CALLCOACH_USER を設定してください。"
    ),
    "history.cannot_open": "この保存先からは過去の通話を開けません。",
    # 履歴から開いた過去の通話
    "past.heading": "過去の通話（{when}）",
    "past.caller": "お客様",
    "past.scenario_changed": "シナリオ {id} は変更されました。模範回答は当時のものです。",
    "past.scenario_gone": "シナリオ {id} はもうありません。採点は保存時のまま。",
    "past.incomplete": "途中で終わった通話です。発言は残っていますが、採点はありません。",
    # ブリーフィング
    "briefing.title": "ブリーフィング — {title}",
    "briefing.caller_line": "お客様: {name}",
    "briefing.situation": "これまでの経緯",
    "briefing.history": "購入履歴",
    "briefing.contacts": "過去の問い合わせ",
    "briefing.handled_by": "一次対応者",
    "briefing.goal": "着地点の目安",
    "briefing.may_offer": "提案してよいこと",
    "briefing.must_not_promise": "約束してはいけないこと",
    "briefing.notes": "補足",
    "briefing.options": "レベル: {level}   練習モード（ヒント）: {practice}",
    "briefing.on": "オン",
    "briefing.off": "オフ",
    "briefing.drill": "ドリル: ヒントなし・再挑戦なし・レベル固定　制限時間（1件）: {limit}",
    # 通話
    "call.title": "通話中 — {title}",
    "call.mood": "気分",
    "call.you": "あなた",
    "call.placeholder": "返答を入力して Enter",
    "call.elapsed": "⏱ {time}",
    "call.time_left": "残り {time}",
    "call.connecting": "接続中…",
    "call.caller_speaking": "お客様が話しています…",
    "call.cutting_in": "⚠ お客様の話をさえぎっています",
    "call.reply_speaking": "あなたの返答を話している時間です…（話す速さで計算）",
    "call.ended": "通話は終了しました",
    "call.practice": "［練習］",
    "call.note.hold_start": "保留にしました。",
    "call.note.hold_end": "{seconds} 秒後に保留を解除しました。",
    "call.note.time_up": "制限時間になりました。通話は終了です。",
    "call.confirm_abandon": "通話を切って中断しますか？「中断」として記録されます。",
    "call.no_session": "通話を開始できませんでした",
    "mood.left_end": "穏やか",
    "mood.right_end": "激怒",
    "mood.calm": "落ち着いている",
    "mood.uneasy": "不満げ",
    "mood.angry": "怒っている",
    "mood.boiling": "切電寸前",
    "hold.running": "保留中 {seconds} 秒",
    "hold.warning": "保留中 {seconds} 秒 — 30 秒超過、戻りましょう",
    "hint.title": "ヒント:",
    "hint.expects": "この場面では{items}が求められます。",
    "hint.key_phrase": "「{name}」の復唱",
    "hint.none": "お客様の言葉をよく聞いて応じましょう。",
    "hint.model_answer": "模範応答:",
    "list.separator": "・",
    # 結果
    "result.title": "結果 — {title}",
    "result.outcome": "通話の結末:",
    "result.total": "得点 {total} / 100",
    "result.passed": "合格",
    "result.failed": "不合格",
    "result.no_score": "（この通話の採点結果はありません）",
    "result.not_measured": "未計測",
    "result.col.dimension": "観点",
    "result.col.score": "得点",
    "result.col.weight": "比重",
    "result.metric.interruptions": "割り込み {value}",
    "result.metric.silences": "沈黙 {value}",
    "result.metric.talk": "発話の割合 {value}",
    "result.metric.times": "{n} 回",
    "result.turn": "ターン{n}",
    "result.feedback": "フィードバック",
    "result.model_answers": "模範応答",
    "result.recording.heading": "録音 — ターンを選んで Enter で再生",
    "result.recording.none": "この通話の録音は残っていません。",
    "result.recording.saving": "録音を保存しています…",
    "result.recording.cannot_play": "録音を再生できません: {reason}",
    "result.recording.device_lost": "再生中にスピーカーが止まりました（機器が外れましたか？）",
    # ドリル
    "drill.title": "ドリル — {title}",
    "drill.rules": (
        "受講者: {trainee}   {attempt} / {attempts} 回目   合格点: {pass_mark}"
        "   制限時間（1件）: {limit}"
    ),
    "drill.no_limit": "なし",
    "drill.col.scenario": "シナリオ",
    "drill.col.score": "得点",
    "drill.col.result": "判定",
    "drill.not_taken": "未実施",
    "drill.timed_out": "（時間切れ）",
    "drill.next": "次: {title} — Enter で開始",
    "drill.finishing": "結果を記録しています…",
    "drill.total": "ドリルの得点 {score}（合格点 {pass_mark}）: {verdict}",
    "drill.confirm_quit": (
        "ドリルを終了しますか？この回の受講として数えられ、未実施のシナリオは 0 点になります。"
    ),
    # エラー
    "error.title": "エラー",
    "error.unexpected": "{kind}: {reason}",
    "error.settings": "設定を保存できませんでした: {reason}",
    # 値の名前（catalogue.FAMILIES を参照）
    "outcome.resolved": "解決",
    "outcome.escalated": "エスカレーション",
    "outcome.hung_up": "お客様が切電",
    "outcome.abandoned": "中断",
    "outcome.incomplete": "未完了",
    "caller_type.angry": "感情的",
    "caller_type.logical": "論理的",
    "caller_type.unreasonable": "無理難題",
    "language.ja": "日本語",
    "language.en": "英語",
    "category.empathy": "共感",
    "category.apology": "お詫び",
    "category.cushion": "クッション言葉",
    "category.self_introduction": "名乗り",
    "category.confirmation": "復唱・確認",
    "category.aizuchi": "相づち",
    "category.gratitude": "感謝",
    "category.closing": "結びのあいさつ",
    "category.hold": "保留のお願い",
    "category.filler": "言いよどみ",
    "category.ng_phrase": "NGワード",
    "category.over_promise": "過剰な約束",
    "dimension.listening": "傾聴",
    "dimension.empathy": "共感",
    "dimension.pacing": "話す速さ・間",
    "dimension.politeness": "言葉づかい",
    "dimension.resolution": "解決",
    "severity.info": "メモ",
    "severity.good": "良い点",
    "severity.warn": "改善点",
    "severity.error": "問題",
    "level.1": "1（やさしい）",
    "level.2": "2（ふつう）",
    "level.3": "3（むずかしい）",
    # voice mode (issue 4)
    "binding.talk": "話す（プッシュトゥトーク）",
    "binding.text_mode": "文字入力に切替",
    "binding.voice": "音声／文字",
    "binding.devices": "音声機器",
    "briefing.voice_unavailable": (
        "⚠ この言語の音声認識が入っていません（入れ方は callcoach doctor で表示）。"
        "v で文字入力に切り替えられます。"
    ),
    "briefing.asr_loading": "音声認識を準備しています…（初回はモデルの展開と確認に数秒）",
    "briefing.asr_ready": "音声認識の準備ができました — {engine}",
    "briefing.input": "応答方法: {mode}   マイク: {microphone}   スピーカー: {speaker}",
    "briefing.input_voice": "声で話す（音声）",
    "briefing.input_text": "文字で入力（テキスト）",
    "voice.default_device": "システムの既定",
    "voice.title": "通話中（音声） — {title}",
    "voice.mic": "マイク",
    "voice.state.connecting": "スピーカーとマイクを準備しています…",
    "voice.state.caller": "🔊 お客様が話しています",
    "voice.state.listening": "🎤 聞き取り中 — 声でお答えください",
    "voice.state.speaking": "🗣 あなたが話しています",
    "voice.state.ptt": "🎙 プッシュトゥトーク: 話し終えたらスペースキーを押してください",
    "voice.state.barge_in": "⚠ お客様の話をさえぎっています",
    "voice.state.lost": "⚠ 音声が使えません",
    "voice.state.ended": "通話は終了しました",
    "voice.headset": (
        "ヘッドセットをお使いください。"
        "スピーカーから出たお客様の声を、あなたの発話と誤認することがあります。"
    ),
    "voice.engine": "音声認識: {reason}。",
    "voice.note.barge_in": "⚡ お客様の話に割り込みました。お客様は話を止めました。",
    "voice.not_heard": "（聞き取れませんでした）",
    "voice.note.talk_over": "⚡ お客様の話に割り込みました。お客様はそのまま話し続けています。",
    "voice.partial": "{you}（発話中）: {text}…",
    "voice.unavailable": "音声モードは使えません：{reason}",
    "voice.problem.missing_input": "マイクが見つかりません。つないでからもう一度お試しください",
    "voice.problem.missing_output": (
        "スピーカー（ヘッドホン）が見つかりません。つないでからもう一度お試しください"
    ),
    "voice.problem.missing_both": (
        "マイクもスピーカー（ヘッドホン）も見つかりません。つないでからもう一度お試しください"
    ),
    "voice.problem.no_sounddevice": (
        "音声モードに必要な sounddevice が入っていません（pip install 'callcoach[voice]'）"
    ),
    "voice.problem.no_portaudio": (
        "PortAudio が入っていません（Debian/Ubuntu: apt-get install libportaudio2）"
    ),
    "voice.problem.no_recogniser": (
        "この言語の音声認識が入っていません（入れ方は callcoach doctor で表示）"
    ),
    "voice.device_missing": "⚠なし",
    "voice.device_checking": "確認中…",
    "briefing.devices_missing": (
        "⚠ {devices}が見つかりません。音声で応答するには機器をつないでください"
        "（文字入力ならそのまま始められます）。"
    ),
    "briefing.device.input": "マイク",
    "briefing.device.output": "スピーカー（ヘッドホン）",
    "briefing.device.joiner": "と",
    "voice.offer_text": "T キーで文字入力の通話に切り替えます。Esc で戻ります。",
    "voice.lost": (
        "{reason}。ここまでの通話内容は残っています。T キーで文字入力に切り替えて続けられます。"
    ),
    "devices.title": "音声機器",
    "devices.input": "マイク",
    "devices.output": "スピーカー／ヘッドホン",
    "devices.loading": "音声機器を探しています…",
    "devices.none": "音声機器が見つかりません: {reason}",
    "devices.help": "Enter で選択、Esc で閉じます。",
    # コマンドライン（list / history）
    "cli.history.col.id": "ID",
    "cli.history.col.date": "日時",
    "cli.history.col.scenario": "シナリオ",
    "cli.history.col.trainee": "研修者",
    "cli.history.col.mode": "方法",
    "cli.history.col.outcome": "結果",
    "cli.history.col.score": "得点",
    "cli.history.pass": "合格",
    "cli.history.fail": "不合格",
    "cli.history.none": "保存された通話はまだありません（{where}）",
    "cli.history.none_for": "{trainee} さんの保存された通話はまだありません（{where}）",
    "cli.list.col.id": "ID",
    "cli.list.col.title": "タイトル",
    "cli.list.col.language": "言語",
    "cli.list.col.caller_type": "お客様",
    "cli.list.col.difficulty": "難易度",
    "cli.list.col.scenarios": "件数",
    "cli.list.col.path": "ファイル",
    "cli.list.none": "条件に合うシナリオがありません",
    "cli.list.no_sets": "シナリオセットが見つかりません",
    "mode.voice": "音声",
    "mode.text": "文字",
    "mode.replay": "リプレイ",
    # 通話の保存 (simulator.tui.widgets.saving)
    "save.call.partly": (
        "⚠ まだ保存されていません: この通話の直近 {waiting} 件（{reason}）。"
        "内容は手元に残し、裏で保存を再試行しています。通話はそのまま続けられます。"
    ),
    "save.call.not_stored": (
        "⚠ この通話は保存されていません（{reason}）。"
        "内容はすべて手元に残し、裏で保存を再試行しています。通話はそのまま続けられます。"
    ),
    "save.journal": "控えを {path} に書きました。",
    "save.result.stored": "✓ この通話は保存されました。",
    "save.result.saving": "この通話を保存しています…",
    "save.result.partly": (
        "⚠ 一部だけ保存されています: この通話の {waiting} 件が"
        "データベースにありません（{reason}）。"
    ),
    "save.result.not_stored": (
        "⚠ 保存されていません: この通話はデータベースにありません（{reason}）。"
    ),
    "save.result.journal": (
        "全内容は {path} にあります。CallCoach は開いている間は再試行を続けます。"
        "後から `callcoach import {path}` で保存できます。"
    ),
    "save.result.memory": (
        "内容はメモリ上にしかありません（控えを書ける場所がありませんでした）。"
        "終了する前に空き容量を作り、「再試行」を押してください。"
    ),
    "save.retry": "再試行",
    "save.briefing": (
        "⚠ 今通話を始めても保存できません: {reason}。通話はできます。"
        "内容は手元に残し、データベースに書けるようになったら保存します。"
    ),
    "call.confirm_abandon_unsaved": (
        "通話を切って中断しますか？この通話はまだ保存されていません（上の警告を参照）。"
    ),
}
