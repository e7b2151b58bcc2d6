"""Preparing a workshop from a spreadsheet: the template round trip, and every reason a row is left out."""

from __future__ import annotations

import pytest

from workshop import storage, user_ops
from workshop.importing import ImportFileError, Kind, plan, read_file
from workshop.importing.template import write_template
from workshop.model import FunctionKind, Workshop
from workshop.text import MAX_NAME, MAX_TEXT

GOALS_HEADER = ["Function", "Goal", "Measure", "Target"]
FUNCTIONS = [["Function", "Type"], ["Sales", "customer-facing"], ["IT", "support"]]


def imported(path, ws: Workshop | None = None) -> Workshop:
    ws = ws if ws is not None else Workshop()
    outcome = user_ops.attempt(ws, user_ops.import_rows, read_file(path))
    assert outcome.ok, outcome.refusal
    return ws


def problems(ws: Workshop, path) -> list[tuple[str, int | None, str]]:
    return [(p.sheet, p.row, p.reason) for p in plan(ws, read_file(path)).problems]


def only_problem(path, ws: Workshop | None = None) -> tuple[str, int | None, str]:
    found = problems(ws or Workshop(), path)
    assert len(found) == 1, found
    return found[0]


# --- the template round trip ------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_filled_template_imports_goals_functions_kpis_and_participants(tmp_path, suffix):
    path = write_template(tmp_path / f"template{suffix}")
    ws = imported(path)
    kinds = {f.name: f.kind for f in ws.functions}
    assert kinds["Sales"] == FunctionKind.CUSTOMER_FACING
    assert kinds["IT"] == FunctionKind.SUPPORT
    assert len(ws.functions) == 6
    assert {g.text for g in ws.strategic_goals()} == {
        "Increase customer loyalty",
        "Reduce expenditure",
        "Raise employee engagement",
    }
    loyalty = next(g for g in ws.strategic_goals() if g.text == "Increase customer loyalty")
    assert (loyalty.measure, loyalty.target) == ("Repeat purchase rate", "60% by year end")
    it = next(f for f in ws.functions if f.name == "IT")
    it_goal = ws.goals_of(it.id)[0]
    assert it_goal.text == "Accurate customer records and purchase history within a day"
    assert (it_goal.measure, it_goal.target) == ("Records current within 24 h", "99%")
    hr_goal = ws.goals_of(next(f.id for f in ws.functions if f.name == "HR"))[0]
    assert hr_goal.target == "30", "a number typed as a target stays the words it shows"
    sales = next(f for f in ws.functions if f.name == "Sales")
    kpi = next(k for k in ws.kpis if k.function_id == sales.id)
    assert (kpi.name, kpi.rewards, kpi.incentive) == (
        "New contracts signed",
        "Closing new deals",
        "Bonus per new contract",
    )
    assert ws.meta.participants == ["Ana Ruiz", "Ben Okafor", "Chloé Martin"]
    contacts = {c.name: (c.function, c.email) for c in ws.meta.contacts}
    assert contacts["Ana Ruiz"] == ("Sales", "ana.ruiz@example.com")
    assert contacts["Ben Okafor"] == ("IT", None)
    storage.save(ws, tmp_path / "prepared.via")
    reloaded = storage.load(tmp_path / "prepared.via")
    assert reloaded.meta.contacts == ws.meta.contacts
    assert len(reloaded.goals) == len(ws.goals) == 8


def test_an_import_is_one_undo_step_that_takes_everything_back(tmp_path):
    ws = Workshop()
    change = user_ops.import_rows(ws, read_file(write_template(tmp_path / "t.xlsx")))
    assert change.label == "Import t.xlsx"
    assert len(ws.goals) == 8
    change.inverse().apply(ws)
    assert ws == Workshop()


def test_importing_into_a_workshop_adds_to_its_functions(workbook, demo):
    sales = next(f for f in demo.functions if f.name == "Sales")
    before = len(demo.goals_of(sales.id))
    path = workbook({"Goals": [GOALS_HEADER, ["sales", "Quote within a day", "Days to quote", "1"]]})
    imported(path, demo)
    assert len(demo.goals_of(sales.id)) == before + 1, "the function is found whatever its case"
    assert len(demo.functions) == 6


def test_the_plan_is_made_again_when_the_import_is_applied(workbook):
    ws = Workshop()
    read = read_file(workbook({"Strategic goals": [["Strategic goal"], ["Grow"], ["Shrink costs"]]}))
    assert plan(ws, read).counts()[Kind.STRATEGIC] == 2
    user_ops.add_goal(ws, "Grow")  # the room added it while the preview was open
    change = user_ops.import_rows(ws, read)
    assert [g.text for g in ws.goals] == ["Grow", "Shrink costs"]
    assert "1 row left out" in change.note


def test_a_file_with_nothing_importable_is_refused_as_an_edit(workbook):
    ws = Workshop()
    read = read_file(workbook({"Goals": [GOALS_HEADER, ["Nobody", "A goal", "", ""]]}))
    outcome = user_ops.attempt(ws, user_ops.import_rows, read)
    assert outcome.refusal == "Nothing to import from plan.xlsx: no row can be added."
    assert ws == Workshop()


def test_blank_rows_and_a_title_row_above_the_header_are_fine(workbook):
    path = workbook({"Strategic goals": [[], ["Strategic goal", "Target"], [], ["Grow", 12.5], [None, None], ["Lead"]]})
    ws = imported(path)
    assert [(g.text, g.target) for g in ws.goals] == [("Grow", "12.5"), ("Lead", "")]


def test_columns_are_found_by_title_in_any_order_and_case(workbook):
    path = workbook(
        {"goals": [["TARGET", "goal", "function"], ["5", "Faster quotes", "Sales"]], "FUNCTIONS": FUNCTIONS}
    )
    ws = imported(path)
    goal = next(g for g in ws.goals if g.function_id is not None)
    assert (goal.text, goal.target) == ("Faster quotes", "5")


def test_csv_with_semicolons_and_a_byte_order_mark(csv_file):
    path = csv_file("\ufeffKind;Function;Text;Type\nFunctions;Vertrieb;;customer-facing\nGoals;Vertrieb;Schneller;\n")
    ws = imported(path)
    assert [f.name for f in ws.functions] == ["Vertrieb"]
    assert [g.text for g in ws.goals] == ["Schneller"]


def test_markup_and_controls_in_cells_are_kept_as_text_and_cleaned(workbook):
    path = workbook({"Strategic goals": [["Strategic goal"], ["R&D <b>x</b> \u202egnol"], ["  spaced  "]]})
    ws = imported(path)
    assert [g.text for g in ws.goals] == ["R&D <b>x</b> gnol", "spaced"]


# --- every reason a row is left out -------------------------------------------------------------------


def test_empty_text(workbook):
    path = workbook({"Functions": FUNCTIONS, "Goals": [GOALS_HEADER, ["Sales", "   ", "Measure only", ""]]})
    assert only_problem(path) == ("Goals", 2, "empty: the goal has no text")


def test_unknown_function(workbook):
    path = workbook({"Functions": FUNCTIONS, "Goals": [GOALS_HEADER, ["Slaes", "Quote fast", "", ""]]})
    sheet, row, reason = only_problem(path)
    assert (sheet, row) == ("Goals", 2)
    assert reason == "unknown function 'Slaes': it is neither in the workshop nor on the Functions sheet"


def test_a_function_left_out_takes_its_goals_with_it_and_says_so(workbook):
    path = workbook(
        {
            "Functions": [["Function", "Type"], ["Legal", "back room"]],
            "Goals": [GOALS_HEADER, ["Legal", "Fast", "", ""]],
        }
    )
    assert problems(Workshop(), path) == [
        ("Functions", 2, "the Type 'back room' is neither customer-facing nor support"),
        ("Goals", 2, "the function 'Legal' was left out (see its row in Functions)"),
    ]


def test_duplicates_in_the_file_and_in_the_workshop(workbook, demo):
    path = workbook(
        {
            "Strategic goals": [["Strategic goal"], ["New aim"], ["new   AIM"], ["Increase customer loyalty"]],
            "Functions": [["Function", "Type"], ["Sales", "customer-facing"]],
        }
    )
    assert problems(demo, path) == [
        ("Strategic goals", 3, "duplicate of row 2 ('new AIM')"),
        ("Strategic goals", 4, "duplicate: the workshop already has this strategic goal ('Increase customer loyalty')"),
        ("Functions", 2, "duplicate: the workshop already has this function ('Sales'); rows naming it go to it"),
    ]


def test_the_same_goal_text_in_two_functions_is_no_duplicate(workbook):
    path = workbook(
        {"Functions": FUNCTIONS, "Goals": [GOALS_HEADER, ["Sales", "Be fast", "", ""], ["IT", "Be fast", "", ""]]}
    )
    assert len(imported(path).goals) == 2


def test_over_the_length_cap(workbook):
    path = workbook(
        {
            "Functions": [["Function", "Type"], ["F" * (MAX_NAME + 1), "support"], ["Sales", "customer-facing"]],
            "Goals": [GOALS_HEADER, ["Sales", "x" * (MAX_TEXT + 1), "", ""], ["Sales", "ok", "m" * (MAX_TEXT + 5), ""]],
        }
    )
    found = problems(Workshop(), path)
    assert [(s, r) for s, r, _ in found] == [("Functions", 2), ("Goals", 2), ("Goals", 3)]
    assert found[0][2].startswith("over the length cap: the function's name is over 200 characters")
    assert found[1][2].startswith("over the length cap: the goal is over 20,000 characters")
    assert found[2][2].startswith("over the length cap: the measure is over 20,000 characters")


def test_a_formula_instead_of_a_value(workbook):
    path = workbook({"Strategic goals": [["Strategic goal", "Target"], ["Grow", "=1+1"], ["=A2", ""], ["Lead", ""]]})
    assert problems(Workshop(), path) == [
        ("Strategic goals", 2, "a formula instead of a value in the column 'Target'"),
        ("Strategic goals", 3, "a formula instead of a value in the column 'Strategic goal'"),
    ]


def test_an_unknown_or_missing_kind_in_a_csv(csv_file):
    path = csv_file("Kind,Text\nWishes,More cake\n,Orphan\nStrategic goal,Grow\n")
    assert problems(Workshop(), path) == [
        (
            "plan.csv",
            2,
            "the kind 'Wishes' is not one Via knows (use one of: Strategic goals, Functions, Goals, KPIs, "
            "Participants)",
        ),
        ("plan.csv", 3, "the Kind is empty (use one of: Strategic goals, Functions, Goals, KPIs, Participants)"),
    ]


def test_a_csv_without_a_kind_column(csv_file):
    sheet, row, reason = only_problem(csv_file("Text\nGrow\n"))
    assert (sheet, row) == ("plan.csv", None)
    assert reason.startswith("no 'Kind' column")


def test_a_sheet_without_its_required_column_and_an_unknown_sheet(workbook):
    path = workbook(
        {"Goals": [["Function", "Measure"], ["Sales", "x"]], "Notes": [["anything"]], "Read me": [["skipped"]]}
    )
    assert problems(Workshop(), path) == [
        ("Goals", None, "no 'Goal' column for goals, so none of its rows can be read"),
        (
            "Notes",
            None,
            "not a sheet Via reads, so it is left out (the sheets are 'Strategic goals', 'Functions', 'Goals', "
            "'KPIs', 'Participants')",
        ),
    ]


def test_a_column_via_does_not_read_is_named(workbook):
    path = workbook({"Strategic goals": [["Strategic goal", "Owner"], ["Grow", "Ana"]]})
    assert only_problem(path) == ("Strategic goals", None, "the column 'Owner' is not one Via reads; it is left out")


def test_a_missing_function_type_and_a_bad_email(workbook):
    path = workbook(
        {
            "Functions": [["Function", "Type"], ["Legal", ""]],
            "Participants": [
                ["Name", "Function", "Email"],
                ["Ana", "", "ana at example"],
                ["Ben", "", "ben@example.com"],
            ],
        }
    )
    assert problems(Workshop(), path) == [
        ("Functions", 2, "no Type for 'Legal': write customer-facing or support"),
        ("Participants", 2, "the email 'ana at example' is not an email address"),
    ]


def test_a_kpi_needs_a_known_function_and_a_name(workbook):
    path = workbook(
        {"Functions": FUNCTIONS, "KPIs": [["Function", "KPI"], ["", "Orphan KPI"], ["IT", ""], ["IT", "Uptime"]]}
    )
    assert problems(Workshop(), path) == [("KPIs", 2, "no function given"), ("KPIs", 3, "empty: the KPI has no name")]


def test_the_preview_counts_what_it_would_add(tmp_path):
    preview = plan(Workshop(), read_file(write_template(tmp_path / "t.csv")))
    assert preview.counts() == {
        Kind.STRATEGIC: 3,
        Kind.FUNCTION: 6,
        Kind.GOAL: 5,
        Kind.KPI: 2,
        Kind.PARTICIPANT: 3,
    }
    assert preview.summary() == "3 strategic goals, 6 functions, 5 goals, 2 KPIs and 3 participants"


def test_a_functions_sheet_may_call_its_name_column_name(workbook):
    ws = imported(workbook({"Functions": [["Name", "Type"], ["Legal", "Support"]]}))
    assert [(f.name, f.kind) for f in ws.functions] == [("Legal", FunctionKind.SUPPORT)]


def test_twenty_thousand_rows_are_read_and_one_more_is_refused(csv_file):
    body = "".join(f"Strategic goals,Goal {i}\n" for i in range(20_000))
    assert len(read_file(csv_file("Kind,Text\n" + body)).rows) == 20_000
    with pytest.raises(ImportFileError, match="at most 20,000 rows"):
        read_file(csv_file("Kind,Text\n" + body + "Strategic goals,One more\n"))


def test_imported_emails_address_the_report_draft(tmp_path):
    from workshop.maildraft import participant_addresses

    ws = imported(write_template(tmp_path / "t.xlsx"))
    assert participant_addresses(ws.meta) == [
        ("Ana Ruiz", "ana.ruiz@example.com"),
        ("Chloé Martin", "chloe.martin@example.com"),
    ]
