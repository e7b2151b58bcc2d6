"""A workshop written in Hebrew, Arabic, Korean and emoji, to look at the report and the board with.

Usage (the report's pages as PNG at 100 dpi, to look at):
    .venv/bin/python scripts/make_scripts_workshop.py /tmp/s.via
    .venv/bin/via report /tmp/s.via -o /tmp/s.pdf && pdftoppm -png -r 100 /tmp/s.pdf /tmp/s-page
Open the same file in Via to look at the board (emoji runs stay inside their cards).

Built through the same operations as the demo (workshop/examples.py). Texts are long enough to
wrap over several lines, so the right-to-left order is checked line by line, not only on one line.
The tests use the same workshop (tests/workshop/test_report_scripts.py).
"""

from __future__ import annotations

import datetime as dt
import sys

from workshop import ops
from workshop.model import LinkKind, Workshop

HEBREW_GOAL = "להגדיל את נאמנות הלקוחות בעשרים אחוז עד סוף שנת 2027 בכל הסניפים שלנו בארץ ובעולם"
ARABIC_GOAL = "زيادة ولاء العملاء من خلال خدمة سريعة ومحترمة في جميع الفروع والمكاتب الإقليمية"
KOREAN_GOAL = "고객 만족도를 높이고 모든 지점에서 응답 시간을 줄입니다"
EMOJI_GOAL = "Happy customers 😀🎉 and a team that ships 🚀✅ 👩‍💻"
MIXED_GOAL = "מערכת CRM (Salesforce) תעודכן תוך 24 שעות"
LONG_EMOJI = "🎉" * 60
HEBREW_NOTE = (
    "אנחנו עוזרים למכירות עם מערכת מהירה וזמינה כל היום אבל הרשומות מגיעות באיחור של שבוע שלם "
    "ולכן הקמפיינים נשלחים ללקוחות הלא נכונים"
)
ARABIC_NOTE = "نساعد فريق المبيعات بنظام سريع ومتاح طوال اليوم لكن البيانات تصل متأخرة أسبوعاً كاملاً"


def scripts_workshop() -> Workshop:
    ws = Workshop()
    ops.set_meta(
        ws,
        title="סדנת יישור קו · ورشة المواءمة · 정렬 워크숍 🎯",
        organisation="Northwind 🌍",
        date=dt.date(2026, 12, 4),
        facilitator="נועה לוי",
        participants=["נועה לוי (מכירות)", "ليلى حداد (الدعم)", "김민준 (IT)", "Sam 😀 Lee (HR)"],
    )
    ops.add_goal(ws, HEBREW_GOAL, id="g-he")
    ops.add_goal(ws, ARABIC_GOAL, id="g-ar")
    ops.add_goal(ws, KOREAN_GOAL, id="g-ko")
    ops.add_function(ws, "מכירות", "customer_facing", "#2E86DE", id="f-sales")
    ops.add_function(ws, "خدمة العملاء", "customer_facing", "#10AC84", id="f-service")
    ops.add_function(ws, "고객 지원", "customer_facing", "#EE5253", id="f-support")
    ops.add_function(ws, "IT 💻", "support", "#8854D0", id="f-it")
    ops.add_goal(ws, MIXED_GOAL, "f-sales", id="g-sales", measure="אחוז הרשומות המעודכנות", target="95% עד רבעון 3")
    ops.add_goal(ws, ARABIC_GOAL, "f-service", id="g-service", measure="رضا العملاء", target="٤٫٥ من ٥")
    ops.add_goal(ws, KOREAN_GOAL, "f-support", id="g-support", measure="평균 해결 시간", target="8시간 이내")
    ops.add_goal(ws, EMOJI_GOAL, "f-it", id="g-it")
    ops.add_goal(ws, LONG_EMOJI, "f-it", id="g-it-emoji")
    ops.link(ws, "g-sales", "g-he", id="l-sales")
    ops.link(ws, "g-service", "g-ar", id="l-service")
    ops.link(ws, "g-support", "g-ko", id="l-support")
    ops.link(ws, "g-it", "g-sales", id="l-it")
    ops.link(ws, "g-it-emoji", "g-ko", kind=LinkKind.DIRECT_IMPACT, reason="سبب واضح 👍 because it matters", id="l-x")
    ops.add_relation(ws, "f-it", "f-sales", id="r-it-sales")
    ops.update_relation(
        ws,
        "r-it-sales",
        customer_goal_ids=["g-sales"],
        helps=["מערכת מהירה וזמינה כל היום"],
        hindrances=["البيانات تصل متأخرة أسبوعاً كاملاً"],
    )
    ops.set_answer(ws, "f-it", 1, note=ARABIC_NOTE, id="a-it-1")
    ops.set_answer(ws, "f-it", 3, note=HEBREW_NOTE, id="a-it-3")
    ops.add_kpi(ws, "f-sales", "חוזים חדשים", id="k-sales", rewards="כל חוזה חדש", scope="local")
    ops.add_kpi(ws, "f-support", "해결 시간", id="k-support", rewards="빠른 티켓 종료", scope="local")
    ops.add_tension(ws, "k-sales", "k-support", "عقد كبير جديد يجلب موجة من التذاكر 🌊", id="t-1")
    ops.add_decision(ws, "מי מאשר שינויים במוצר", "דנה כהן", id="d-1", heard_function_ids=["f-sales", "f-it"])
    return ws


def main() -> None:
    from workshop.storage import save

    if len(sys.argv) != 2:
        sys.exit("usage: make_scripts_workshop.py OUT.via")
    save(scripts_workshop(), sys.argv[1])
    print(sys.argv[1])


if __name__ == "__main__":
    main()
