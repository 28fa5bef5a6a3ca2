"""その他のコマンド（doctor とそれが報告する音声エンジン、チーム・データ管理のコマンド、
play、say、admin、run のエラー）の文言。キーは commands_en.py と完全に一致させる
（テストで確認）。コマンド、パッケージ名、環境変数、パスは入力するとおりに残す。"""

MESSAGES: dict[str, str] = {
    # callcoach doctor
    "doctor.section.devices": "音声機器",
    "doctor.section.tts": "お客様の声（音声合成 TTS）",
    "doctor.section.asr": "音声認識（ASR）",
    "doctor.section.database": "データベース",
    "doctor.mark.ok": "○ ",
    "doctor.mark.optional": "－ ",
    "doctor.mark.missing": "× ",
    "doctor.problems": (
        "問題が {count} 件あります。文字入力（--input text）なら音声なしで使えます。"
    ),
    "doctor.all_ok": "必要なものはすべてそろっています。",
    "doctor.microphone": "マイク",
    "doctor.speaker": "スピーカー",
    "doctor.devices": "音声機器",
    "doctor.device.none": (
        "見つかりません — 機器をつなぐか、PulseAudio/PipeWire を起動してください。"
        "それまでは --input text をお使いください"
    ),
    "doctor.device.more": "（ほか {count} 台）",
    "doctor.headset": "ヘッドセット",
    "doctor.headset.advice": (
        "推奨 — ヘッドセットをお使いください。スピーカーから出たお客様の声がマイクに入ると、"
        "あなたがお客様の話に割り込んだと誤認されることがあります"
    ),
    "doctor.vad": "発話検出（webrtcvad）",
    "doctor.installed": "入っています",
    "doctor.asr.auto.uses": "{engine} を使います",
    "doctor.whisper": "Whisper モデル",
    "doctor.whisper.not_found": "{chosen!r} が見つかりません",
    "doctor.whisper.none": "ありません — {hint}",
    "doctor.whisper.cached": "{label}（ローカルのモデルキャッシュから）",
    "doctor.whisper.verified": "sha256 を確認済み",
    "doctor.whisper.own": "独自のモデル（ハッシュ固定なし）",
    "doctor.database": "データベース",
    "doctor.database.no_module": "このビルドには保存用モジュールが入っていません",
    "doctor.database.not_created": "{where}（未作成です。初回の利用時に作られます）{who}",
    "doctor.database.opens": "{where} を開けます{who}",
    "doctor.database.cannot_open": "開けません（{reason}）",
    "doctor.database.solo": (
        " — SQLite: 一人用です（--as は名前を指定するだけで、本人確認はしません）"
    ),
    "doctor.database.pg_ready": " — PostgreSQL: {login} として接続中（行レベルセキュリティ有効）",
    "doctor.database.pg_not_ready": (
        " — PostgreSQL（{login}）: ログインがまだ設定されていません"
        "（所有者が callcoach admin init-db を実行します）"
    ),
    # 音声エンジンの状態（doctor と音声画面で表示）
    "engine.english_only": "英語のみ",
    "engine.bundled_model": "同梱モデル",
    "engine.model": "モデル {name}",
    "engine.online": "オンライン（指定したときだけ使います）",
    "engine.unknown": "不明なエンジンです",
    "engine.voices": " …（全 {count} 種類の声）",
    "engine.whisper.model_not_found": "モデル {chosen!r} が見つかりません",
    "engine.whisper.no_model": "モデルがありません: {hint}",
    "engine.whisper.install": (
        "pip install 'callcoach[whisper]'（faster-whisper と Whisper の base モデルが入ります。"
        "make setup でも入ります）"
    ),
    "engine.whisper.english_only": (
        "Whisper モデル {label} は英語専用のため {language!r} を認識できません。"
        "多言語モデルをお使いください（同梱モデルを使うには --asr-model と "
        "CALLCOACH_WHISPER_MODEL を指定しないでください）"
    ),
    "engine.vosk.download": (
        "{page} から {name}{size} をダウンロードして {where} に展開するか、"
        "CALLCOACH_VOSK_MODEL にそのフォルダを指定してください"
    ),
    "engine.vosk.size": "（約 {mb} MB）",
    "engine.vosk.any_model": "この言語の Vosk モデル",
    "engine.vosk.and": "。さらに ",
    "engine.vosk.installed": "Vosk と {language!r} のモデルは入っています",
    "engine.or": "。または ",
    "engine.none": (
        "{language!r} のオフライン音声認識がありません — {fix}。文字入力で応答することもできます。"
    ),
    "engine.no_sounddevice": (
        "音声モードには sounddevice が必要です: pip install 'callcoach[voice]'。または {text_mode}"
    ),
    "engine.no_portaudio": (
        "PortAudio が入っていません（Debian/Ubuntu: apt-get install libportaudio2、"
        "macOS: brew install portaudio）。または {text_mode}"
    ),
    "engine.text_mode": "文字入力（--input text）で応答してください",
    # callcoach trainee / assign / assignments / leaderboard / drill
    "users.header.name": "名前",
    "users.header.role": "役割",
    "users.header.teams": "チーム",
    "users.none": "ユーザーはまだいません",
    "users.role.trainee": "受講者",
    "users.role.admin": "管理者",
    "users.role.trainer": "トレーナー",
    "users.saved": "{name}: 保存しました{role}{teams}",
    "users.saved.role": "（役割: {role}）",
    "users.saved.teams": "（チーム: {teams}）",
    "users.joined": "{name} がチーム {team} に入りました",
    "users.left": "{name} がチーム {team} から外れました",
    "users.no_login": (
        "{name} にはこのデータベースのログインがありません: callcoach admin add-trainee {name}"
    ),
    "users.why": "ユーザーとチームの変更",
    "assign.why": "セットの割り当て",
    "assign.pass_mark": "--pass-mark は 0〜100 で指定してください（指定値: {value}）",
    "assign.time_limit": "--time-limit は 0 秒より大きくしてください（指定値: {value:g}）",
    "assign.to_trainee": "受講者 {name}",
    "assign.to_team": "チーム {name}",
    "assign.done": (
        "割り当て {number}: {set} を {target} に（期限 {due}、合格点 {pass_mark}、"
        "挑戦 {attempts} 回）"
    ),
    "assign.note": "  （{note}）",
    "assignments.header.due": "期限",
    "assignments.header.set": "セット",
    "assignments.header.trainee": "受講者",
    "assignments.header.team": "チーム",
    "assignments.header.attempts": "挑戦",
    "assignments.header.best": "最高点",
    "assignments.header.status": "状態",
    "assignments.none": "割り当てはありません",
    "assignments.status.passed": "合格",
    "assignments.status.failed": "不合格",
    "assignments.status.overdue": "期限切れ",
    "assignments.status.due": "未完了",
    "leaderboard.header.set": "セット",
    "leaderboard.header.rank": "順位",
    "leaderboard.header.trainee": "受講者",
    "leaderboard.header.score": "得点",
    "leaderboard.header.result": "結果",
    "leaderboard.header.finished": "終了日時",
    "leaderboard.header.attempt": "挑戦",
    "leaderboard.pass": "合格",
    "leaderboard.fail": "不合格",
    "leaderboard.none": "終了したドリルはまだありません",
    "drill_run.who": (
        "ドリルを受ける人を指定してください: --trainee NAME（または --as / CALLCOACH_USER）"
    ),
    "drill_run.terminal": (
        "対話型のドリルには端末が必要です"
        " — 画面なしで実行するには: callcoach drill SET --replay-dir DIR"
    ),
    "drill_run.attempt": "{set}: {trainee} さんの挑戦 {attempt}/{attempts} 回目",
    "drill_run.call": "  {scenario}: {outcome}{late}  得点 {score}",
    "drill_run.time_up": "（時間切れ）",
    "drill_run.score": "ドリルの得点 {score:.1f}（{verdict}、合格点 {pass_mark}）",
    "drill_run.pass": "合格",
    "drill_run.fail": "不合格",
    "sets.unknown.close": "シナリオセット {set!r} が見つかりません — {suggestions} のことですか？",
    "sets.unknown": "シナリオセット {set!r} が見つかりません（セット: {known}）{hint}",
    "sets.none": "なし",
    "sets.own_folder": (
        " — 自分のフォルダーのセットには --scenarios DIR が必要です"
        "（`callcoach config --add-scenarios DIR` で登録もできます）"
    ),
    "drill_run.no_replay_dir": "{path}: リプレイファイルのフォルダーがありません",
    "drill_run.missing_replays": (
        "{path}: リプレイファイル {files} がありません"
        "（<id>.<anything>.yaml でも可。例: <id>.good.yaml）"
    ),
    "purge.no_trainee": "受講者 {name!r} はこのデータベースにいません。削除するものはありません",
    # チームの決まり（simulator.team.access）と共通のオプション
    "access.as_on_postgres": (
        "{where} は SQLite のデータベース用です。PostgreSQL ではデータベースのログインが"
        "あなたです（別の人として操作するには、その人のロールで接続してください）"
    ),
    "access.not_a_pg_user": (
        "{login} はこのデータベースの CallCoach ユーザーではありません"
        "（管理者が追加します: callcoach admin add-trainee {login}）"
    ),
    "access.own_calls_pg": (
        "--trainee {trainee}: 通話は受けた本人の記録として保存されます。"
        "このデータベースでのあなたは {login} です"
    ),
    "access.own_calls": (
        "--trainee {trainee}: 通話は受けた本人の記録として保存されます。"
        "あなたは {acting} です（{source}）"
    ),
    "access.unknown_user": (
        "{name} はこのデータベースのユーザーではありません"
        "（トレーナーが追加します: callcoach trainee add {name}）"
    ),
    "access.who_are_you": (
        "このデータベースにはトレーナーがいます。--as NAME または {variable} で"
        "あなたの名前を指定してください"
    ),
    "access.trainers_only": "{what}はトレーナーだけが行えます（{name} は受講者です）",
    "access.own_only": (
        "{name} は {trainee} の記録を見られません。受講者が見られるのは自分の記録だけです"
        "（トレーナーにご相談ください）"
    ),
    "access.team_reports": (
        "{name} は受講者です。チームやセットのレポートはトレーナー向けです"
        "（自分のレポートは --trainee {name}）"
    ),
    "options.due": "--due {text!r}: 日付を YYYY-MM-DD の形で指定してください",
    "options.at_least_one": "{name} は 1 以上で指定してください（指定値: {value}）",
    # callcoach report / export / import / purge
    "report.written": "{path}: 記録 {sessions} 件、受講者 {trainees} 人",
    "export.written": "{path}: 記録 {sessions} 件",
    "import.why": "記録の取り込み",
    "import.no_file": "ファイルがありません",
    "import.expected": "`callcoach export` で書き出した .jsonl ファイルを指定してください",
    "import.summary": ("{path}: 取り込み {imported} 件、登録済み {skipped} 件、不正な行 {bad} 件"),
    "import.cannot_read": "{path}: 読み込めません（{reason}）",
    "import.long_line": "{mib} MiB を超える行です",
    "import.one_per_line": "1 行に 1 件の記録にしてください",
    "import.recovered": "{path}: {result}",
    "journal.stored": "記録 {session} をジャーナルから保存しました",
    "journal.completed": "記録 {session} の続きをジャーナルから補いました",
    "input.invalid_json": "JSON として読めません（{detail}）",
    "input.not_utf8": "UTF-8 として読めません（バイト 0x{byte:02x}）",
    "input.utf16": "ファイルが UTF-16 です",
    "input.nul": "バイナリデータ（NUL バイト）が含まれています",
    "input.utf8_text": "UTF-8 のテキストにしてください",
    "input.utf8_json": "UTF-8 の JSON テキストにしてください",
    "input.record": "{format} 形式の JSON レコードにしてください",
    "input.field_is": "{field} が {got} です",
    "input.json.value": "値がありません",
    "input.json.property_name": "キーが二重引用符で囲まれていません",
    "input.json.comma": "',' がありません",
    "input.json.colon": "':' がありません",
    "input.json.unterminated": "文字列が閉じていません",
    "input.json.control": "文字列に制御文字があります",
    "input.json.escape": "不正なエスケープ（\\）があります",
    "input.json.extra": "余分なデータがあります",
    "input.no_format": "'format' の項目がありません",
    "input.no_scenario_id": "シナリオの id がありません",
    "input.too_long": "{field} が {count:,} 文字あります",
    "input.expect.format": '"format": "{format}" を入れてください（{record}）',
    "input.expect.at_most": "{count:,} 文字以内にしてください",
    "input.expect.string": "文字列にしてください",
    "input.expect.string_or_null": "文字列か null にしてください",
    "input.expect.non_empty_string": "空でない文字列にしてください",
    "input.expect.object": "オブジェクトにしてください",
    "input.expect.object_or_null": "オブジェクトか null にしてください",
    "input.expect.object_with_id": "'id' を持つオブジェクトにしてください",
    "input.expect.number": "数値にしてください",
    "input.expect.true_or_false": "true か false にしてください",
    "purge.confirm_flag": "purge はデータを完全に削除します。実行するには --yes を付けてください",
    "purge.ask": "{trainee} の記録と録音をすべて削除しますか？ [y/N] ",
    "purge.yes": "y yes はい",
    "purge.cancelled": "purge を取り消しました。何も削除していません",
    "purge.done": (
        "{trainee}: 記録 {sessions} 件（発話 {utterances} 件、イベント {events} 件）、"
        "ドリル {drill_runs} 回、割り当て {assignments} 件、録音 {recordings} 件を削除しました"
    ),
    # 保存済みの記録の指定（play、score）
    "sessions.none": "{where}: 保存された記録はまだありません",
    "sessions.none_at": (
        "{start} に始まった記録はありません（`callcoach history` と同じ現地時刻で指定します）"
    ),
    "sessions.started_at": "{start} に始まった記録",
    "sessions.id_starts": "id が {prefix!r} で始まる記録",
    "sessions.not_a_time": "{text!r}: 日時として読めません（例: 2026-12-04 18:46）",
    "sessions.ambiguous": (
        "{what}が {count} 件あります: {listed} — このうちどれかの id を指定してください"
    ),
    "sessions.not_stored": "{where}: 記録 {session!r} は保存されていません",
    # callcoach play / say
    "play.no_turns": "（発話はありません）",
    "play.line": "[{index:>2}] {start:6.1f}〜{end:.1f} 秒 {speaker}: {text}",
    "play.speaker.customer": "お客様",
    "play.speaker.trainee": "受講者",
    "play.recording": "録音: {where}",
    "play.in_database": "チームのデータベース内",
    "play.no_recording": "なし（文字入力の通話か、録音を残していません）",
    "play.no_such_turn": "--turn {turn}: {session} にその発話はありません（発話: {listed}）",
    "play.none": "なし",
    "play.not_recorded": "記録 {session} には録音がありません（文字入力の通話ですか？）",
    "play.turn": "発話 {index}（{speaker}、{start:.1f}〜{end:.1f} 秒）",
    "play.saved": "{path}: {label}、{seconds:.2f} 秒",
    "play.heard": "{label}: {text}",
    "play.instead": "--out FILE.wav で発話を保存してください",
    "say.mood": "--mood {mood}: 0〜100 の数で指定してください",
    "say.empty": "話す内容が空です（TEXT を指定してください）",
    "say.saved": "{path}: {seconds:.2f} 秒、{rate} Hz（{engine}）",
    "say.instead": "--out FILE.wav で保存してください",
    "audio_out.not_wav": "--out {path}: .wav のファイル名を指定してください",
    "audio_out.cannot_write": "{path}: 書き込めません（{reason}）",
    "audio_out.stalled": "再生が終わりませんでした（機器が外れたか、止まっていませんか？）",
    "audio_out.instead": "{problem} — または {instead}",
    # callcoach admin
    "admin.sqlite": (
        "SQLite は CallCoach の一人用データベースのため、設定するログインはありません"
        "（チームでは PostgreSQL を使います: --db postgresql+psycopg://HOST/DB）"
    ),
    "admin.ready": (
        "ロール {names} を用意し、行レベルセキュリティを有効にしました。{login} は管理者です"
    ),
    "admin.not_admin": "人を追加できるのは管理者だけです（{login} は管理者ではありません）",
    "admin.created": "{name}: {kind} としてログインを作成しました{teams}",
    "admin.teams": "（チーム: {teams}）",
    "admin.cannot_read": "{path}: パスワードを読み込めません（{reason}）",
    "admin.too_short": "{name} のパスワードが短すぎます（8 文字以上にしてください）",
    "admin.no_terminal": (
        "{name} のパスワードを尋ねる端末がありません: --password-file FILE か {variable} を"
        "お使いください"
    ),
    "admin.ask": "{name} のパスワード: ",
    "admin.again": "もう一度: ",
    "admin.differ": "2 つのパスワードが違います。何も作成していません",
    # callcoach run と全コマンド共通
    "run.no_replay_file": "{path}: リプレイファイルがありません",
    "cli.interrupted": "中断しました",
}
