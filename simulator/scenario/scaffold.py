"""`callcoach new`: a commented starting point that validates cleanly and can be won.

One shape for every draft (open → details → offer, worse for a slip; resolved,
escalated and hung-up endings); the language gives the words, the caller type
the temper (starting mood, cut-ins, how far a slip moves the mood).
"""

from __future__ import annotations

from dataclasses import dataclass

TEMPLATE_JA = """\
# yaml-language-server: $schema={schema}
# 「callcoach new」で作ったシナリオの下書きです。「TODO」を書き換えてから
#   callcoach validate {id}.yaml      （問題を行:列つきで表示）
#   callcoach graph {id}.yaml         （分岐の図）
# で確認してください。ファイル名は id と同じにします。
format: callcoach.scenario/2
id: {id}
title: "TODO: 状況をひとことで"
language: ja
difficulty: 2                        # 既定のレベル 1（やさしい）〜 3（難しい）
tags: [draft]

caller:
  type: {caller}                       # angry | logical | unreasonable
  name: 山田 花子
  persona: >-
    TODO: {persona}
{cut_in}  silence:                           # 研修生が黙ったとき
    after: 5
    say: ["もしもし？聞いてますか？"]
    mood: 10

mood: {{start: {start}, hang_up: 100, calm: 30}}   # 0 落ち着き … 100 激怒

briefing:
  situation: "TODO: 何が起きたか（日付・品物・金額）"
  history: ["TODO: 2026-11-20 ご注文番号 A-12345 の内容"]
  contacts: []                       # これまでの問い合わせ
  handled_by: null                   # 2次対応なら前の担当者
  goal: "TODO: 研修生に期待する対応"

policy:
  may_offer: ["TODO: 提案してよいこと（例：交換品を本日発送）"]
  must_not_promise: ["明日お届けします"]   # 言うと over_promise になる表現
  notes: []

rubric: {caller}                       # 採点の基準（既定は caller.type）
pass_mark: 70
expected_outcome: resolved           # 正しい着地点：resolved（解決）/ escalated（上席へ）
avoid:                               # この場面で避けたい言い方（NG フレーズと同じ扱い）
  - {{phrase: たぶん, cost: 30, note: 「確認いたします」と言い切りましょう。}}

turns:                               # 最初のターンで電話が始まる
  - id: open
    say:                             # 言い回しの候補（シードで1つ選ばれる）
      - "{open_1}"
      - "{open_2}"
    expects: [apology, empathy]      # よい返答に含まれるフレーズの種類
    model_answer: "ご不便をおかけしてしまい、大変申し訳ございません。ご心配でしたよね。"
    hint: まず謝罪と共感を。説明は後で。
    branches:                        # 上から順に、最初に当てはまった分岐へ
      - when: {{detected: [ng_phrase]}}
        mood: {slip}
        next: worse
      - when: {{detected_any: [apology, empathy]}}
        mood: -15
        next: details
    otherwise: {{mood: 10, next: details}}

  - id: details
    say: ["で、どうしてくれるんですか？注文番号はA-12345です。"]
    expects: [confirmation]
    key_phrases:                     # 返してほしい事実：名前 → 書き方の候補
      order: ["A-12345", "A12345", "エー12345"]
    model_answer: "恐れ入りますが、ご注文番号A-12345のお品物でお間違いないでしょうか。"
    branches:
      - when: {{detected: [over_promise]}}
        mood: {slip}
        next: worse
      - when: {{said: [order], detected: [confirmation]}}
        mood: -10
        next: offer
    otherwise: {{mood: 5, next: offer}}

  - id: offer
    say: ["明日までに届けてもらえるんですよね？"]
    # 「確認いたしますので、少々お待ちいただけますか」への返事。お客様は待ち、保留のあとの
    # 返答が同じ質問への答えとして判定されます（省略すると気分に合わせた既定の返事）。
    wait_say: ["……じゃあ、確認してください。"]
    expects: [cushion]
    model_answer: "あいにく明日のお届けはお約束できかねますが、本日中に交換品を発送いたします。"
    branches:
      - when: {{detected: [over_promise]}}
        mood: 10
        next: escalate
      - when: {{detected_any: [cushion, apology], mood_below: 70}}
        mood: -20
        next: thanks
    otherwise: {{mood: 10, next: escalate}}

  - id: worse
    say: ["ちょっと、ちゃんと聞いてます？"]
    expects: [apology]
    model_answer: "大変失礼いたしました。申し訳ございません。"
    branches:
      - when: {{detected_any: [apology, empathy]}}
        mood: -10
        next: details
    otherwise: {{mood: 20, next: hang-up}}

endings:                             # id → 結末と、お客様の最後のひとこと
  thanks: {{outcome: resolved, say: ["{{trainee}}さんね。わかりました。よろしくお願いします。"]}}
  escalate: {{outcome: escalated, say: ["もういいです。上の人を出してください。"]}}
  hang-up: {{outcome: hung_up, say: ["もう結構です。"]}}
"""

TEMPLATE_EN = """\
# yaml-language-server: $schema={schema}
# A draft made by `callcoach new`. Replace every TODO, then check it:
#   callcoach validate {id}.yaml      (every problem as file:line:col)
#   callcoach graph {id}.yaml         (the branch graph)
# Keep the file name equal to the id.
format: callcoach.scenario/2
id: {id}
title: "TODO: the situation in a few words"
language: en
difficulty: 2                        # default level 1 (easy) … 3 (hard)
tags: [draft]

caller:
  type: {caller}                       # angry | logical | unreasonable
  name: Sam Carter
  persona: >-
    TODO: {persona}
{cut_in}  silence:                           # the trainee says nothing
    after: 6
    say: ["Hello? Are you still there?"]
    mood: 10

mood: {{start: {start}, hang_up: 100, calm: 30}}   # 0 calm … 100 furious

briefing:
  situation: "TODO: what happened (dates, item, amount)"
  history: ["TODO: 2026-11-20 order A-12345"]
  contacts: []                       # earlier calls or emails
  handled_by: null                   # who handled it before (supervisor takeovers)
  goal: "TODO: what a good trainee does"

policy:
  may_offer: ["TODO: what may be offered (e.g. a replacement sent today)"]
  must_not_promise: ["delivery by tomorrow"]   # counted as over_promise
  notes: []

rubric: {caller}                       # scoring preset; default = caller type
pass_mark: 70
expected_outcome: resolved           # the right landing: resolved, or escalated (a handover)
avoid:                               # phrases to avoid here, scored like NG phrases
  - {{phrase: probably, cost: 30, note: "Say you will check instead."}}

turns:                               # the first turn opens the call
  - id: open
    say:                             # variants: one is picked (seeded)
      - "{open_1}"
      - "{open_2}"
    expects: [apology, empathy]      # phrase categories a good reply contains
    model_answer: "I am so sorry about this, I understand how frustrating it must be."
    hint: Apologise and show you understand before explaining anything.
    branches:                        # the first branch whose `when` holds is taken
      - when: {{detected: [ng_phrase]}}
        mood: {slip}
        next: worse
      - when: {{detected_any: [apology, empathy]}}
        mood: -15
        next: details
    otherwise: {{mood: 10, next: details}}

  - id: details
    say: ["So what are you going to do about it? The order is A-12345."]
    expects: [confirmation]
    key_phrases:                     # facts the turn expects back: name → alternatives
      order: ["A-12345", "A12345", "A one two three four five"]
    model_answer: "Let me make sure I have this right: order A-12345, is that correct?"
    branches:
      - when: {{detected: [over_promise]}}
        mood: {slip}
        next: worse
      - when: {{said: [order], detected: [confirmation]}}
        mood: -10
        next: offer
    otherwise: {{mood: 5, next: offer}}

  - id: offer
    say: ["It will be here by tomorrow, right?"]
    # What the caller says to "Could you hold for a moment while I check?": they wait,
    # and the reply after the hold answers this same question (default: a built-in line).
    wait_say: ["Fine, go and check."]
    expects: [cushion]
    model_answer: "I'm afraid I can't promise that, but I can send a replacement today."
    branches:
      - when: {{detected: [over_promise]}}
        mood: 10
        next: escalate
      - when: {{detected_any: [cushion, apology], mood_below: 70}}
        mood: -20
        next: thanks
    otherwise: {{mood: 10, next: escalate}}

  - id: worse
    say: ["Are you even listening to me?"]
    expects: [apology]
    model_answer: "I do apologise, I'm very sorry."
    branches:
      - when: {{detected_any: [apology, empathy]}}
        mood: -10
        next: details
    otherwise: {{mood: 20, next: hang-up}}

endings:                             # id → outcome and the caller's last words
  thanks: {{outcome: resolved, say: ["Alright. Thank you, {{trainee}}."]}}
  escalate: {{outcome: escalated, say: ["Forget it. Put me through to your manager."]}}
  hang-up: {{outcome: hung_up, say: ["I'm done with this."]}}
"""


@dataclass(frozen=True)
class Temper:
    start: int  # starting mood
    slip: int  # mood change for an NG phrase or an over-promise
    cut_in: bool
    persona: dict[str, str]
    open_lines: dict[str, tuple[str, str]]


TEMPERS = {
    "angry": Temper(
        70,
        20,
        True,
        {
            "ja": "感情的で、待たされたことにも怒っている。気持ちを受け止めると落ち着く。",
            "en": "Upset and in a hurry; calms down when someone takes the problem seriously.",
        },
        {
            "ja": ("ちょっと、届いた品物が壊れてたんですけど！", "何度電話させるんですか！"),
            "en": ("The item you sent me arrived broken!", "This is the second time I'm calling!"),
        },
    ),
    "logical": Temper(
        55,
        15,
        False,
        {
            "ja": "日付・金額・誰が何と言ったかを正確に指摘する。あいまいな説明を嫌う。",
            "en": "Precise about dates, amounts and who said what; dislikes vague answers.",
        },
        {
            "ja": (
                "11月20日の注文の件で、届いた品物が注文内容と違います。",
                "確認したいのですが、注文した品物と違う物が届いています。",
            ),
            "en": (
                "About my order of 20 November: the item is not what I ordered.",
                "I'd like to check something: I received a different item.",
            ),
        },
    ),
    "unreasonable": Temper(
        65,
        25,
        True,
        {
            "ja": "規定を超えた要求をする。できないことは丁寧に、しかしはっきり断る。",
            "en": "Demands more than the policy allows; needs a polite but firm no.",
        },
        {
            "ja": ("壊れてたんだから、全額返金と慰謝料でしょ？", "誠意を見せてくださいよ。"),
            "en": (
                "It came broken, so I want a full refund and compensation.",
                "Show me you care.",
            ),
        },
    ),
}

_CUT_IN = {
    "ja": (
        "  cut_in:                           # 研修生の話が長いと割り込む\n"
        "    after: 15\n"
        '    say: ["ちょっと、話が長いよ。で、どうしてくれるの？"]\n'
        "    mood: 8\n"
    ),
    "en": (
        "  cut_in:                           # talks over a long-winded trainee\n"
        "    after: 12\n"
        '    say: ["Hold on. Just tell me what you\'re going to do."]\n'
        "    mood: 5\n"
    ),
}


def scaffold(scenario_id: str, language: str, caller: str, schema: str) -> str:
    """The draft's text. ``schema`` is the path editors use for the JSON Schema."""
    temper = TEMPERS[caller]
    first, second = temper.open_lines[language]
    template = TEMPLATE_JA if language == "ja" else TEMPLATE_EN
    return template.format(
        id=scenario_id,
        caller=caller,
        schema=schema,
        persona=temper.persona[language],
        cut_in=_CUT_IN[language] if temper.cut_in else "",
        start=temper.start,
        slip=temper.slip,
        open_1=first,
        open_2=second,
    )


def guess_from_id(scenario_id: str) -> tuple[str | None, str | None]:
    """``ja-angry-late-gift`` → ("ja", "angry"); the library's naming convention."""
    parts = scenario_id.split("-")
    language = parts[0] if parts[0] in ("ja", "en") else None
    caller = parts[1] if len(parts) > 1 and parts[1] in TEMPERS else None
    return language, caller
