"""Compare with last time (`workshop.compare`) of two 5,000-goal workshops.

    python benchmarks/bench_compare.py [--repeat N] [--goals 5000]

Two cases, both against the same generated workshop:
- "same file, edited": ids kept; 2% of the goals removed, 2% added, 2% retyped, 2% relinked;
- "made afresh": every id different (goals and functions pair by text), the same edits.
Prints the median and best of N runs (ms) of the whole comparison (it includes the two analyses
and the two reach passes), of the pairing alone, and of the text `via diff` prints.
Target: the whole comparison <= 500 ms at 5,000 goals (a click in File > Compare with…).
"""

from __future__ import annotations

import argparse
import json
import re

from machine import pace, timed

from workshop import ops, synthetic
from workshop.analysis import analyse
from workshop.compare import compare
from workshop.compare.matching import pair_functions, pair_goals
from workshop.compare.render import as_text
from workshop.model import Workshop

TARGET_MS = 500.0


def edited(ws: Workshop) -> Workshop:
    """A later session's file: 2% of the goals removed, added, retyped and relinked each."""
    new = ws.model_copy(deep=True)
    below = [g for g in new.goals if g.function_id is not None]
    step = 50
    ops.remove_goals(new, [g.id for g in below[::step]])
    for g in below[1::step]:
        ops.update_goal(new, g.id, text=g.text + " (retyped)")
    strategic = [g.id for g in new.goals if g.function_id is None]
    support = {f.id for f in new.support_functions()}
    for i, g in enumerate(below[2::step]):
        for link in [lk for lk in new.links if lk.source == g.id]:
            ops.unlink(new, link.id)
        if g.function_id not in support:  # a customer goal now serves another strategic goal
            ops.link(new, g.id, strategic[i % len(strategic)])
    functions = [f.id for f in new.functions]
    for i in range(len(below) // step):
        ops.add_goal(new, f"A goal the room added {i}", functions[i % len(functions)])
    return new


def renamed(ws: Workshop) -> Workshop:
    """The same workshop typed again: every id of every item different."""
    text = ws.model_dump_json()
    text = re.sub(r'"([a-z])-([A-Za-z0-9_.:-]+)"', r'"\1-new-\2"', text)
    return Workshop.model_validate(json.loads(text))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--goals", type=int, default=5000)
    args = parser.parse_args()
    print(pace())
    old = synthetic.generate(args.goals)
    later = edited(old)
    cases = {"same file, edited": later, "made afresh": renamed(later)}
    print(f"old: {len(old.goals)} goals, {len(old.links)} links; target whole <= {TARGET_MS:.0f} ms")
    analyse(old)  # warm-up
    best, median = timed(lambda: analyse(old), args.repeat)
    print(f"  (one analysis, for scale: median {median:.1f} ms, best {best:.1f} ms)")
    for name, new in cases.items():
        result = compare(old, new)
        counts = result.counts()
        print(
            f"{name}: {len(new.goals)} goals; paired {result.matched}; "
            f"+{counts['goals_added']} -{counts['goals_removed']} ~{counts['goals_changed']} "
            f"relinked {counts['relinked']}, became aligned {counts['became_aligned']}, "
            f"stopped {counts['stopped_aligned']}"
        )

        def pairing(new: Workshop = new) -> object:
            return pair_goals(old.goals, new.goals, pair_functions(old.functions, new.functions))

        for step, fn in (
            ("whole comparison", lambda new=new: compare(old, new)),
            ("pairing only", pairing),
            ("text of via diff", lambda result=result: as_text(result)),
        ):
            fn()  # warm-up
            best, median = timed(fn, args.repeat)
            flag = "" if step != "whole comparison" else ("  ok" if median <= TARGET_MS else "  OVER TARGET")
            print(f"  {step:<18} median {median:7.1f} ms   best {best:7.1f} ms{flag}")


if __name__ == "__main__":
    main()
