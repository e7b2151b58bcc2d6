"""The bundled demo workshop, built through the same operations the app uses.

Built in code (and written to resources/examples/customer-loyalty.via by `via new --example`) so
the demo can never drift out of step with the model: if an operation changes, the demo follows.
It holds one deliberate "around" link so a newcomer sees a finding on the first screen.
"""

from __future__ import annotations

import datetime as dt

from workshop import ops
from workshop.model import LinkKind, Workshop

EXAMPLES = ("customer-loyalty",)


def customer_loyalty() -> Workshop:
    ws = Workshop()
    ops.set_meta(
        ws,
        title="Customer loyalty alignment workshop",
        organisation="Northwind Services",
        date=dt.date(2026, 11, 23),
        facilitator="Alex Morgan",
        participants=[
            "Priya Shah (Sales)",
            "Tom Berg (Customer Service)",
            "Lena Vogel (Customer Support)",
            "Omar Haddad (IT)",
            "Julia Reyes (HR)",
            "Ken Ito (Procurement)",
        ],
    )
    # Strategy
    ops.add_goal(ws, "Increase customer loyalty", id="g-loyalty")
    ops.add_goal(ws, "Reduce expenditure", id="g-expenditure")
    ops.add_goal(ws, "Raise employee engagement", id="g-engagement")

    # Functions
    ops.add_function(ws, "Sales", "customer_facing", "#2E86DE", id="f-sales")
    ops.add_function(ws, "Customer Service", "customer_facing", "#10AC84", id="f-service")
    ops.add_function(ws, "Customer Support", "customer_facing", "#EE5253", id="f-support")
    ops.add_function(ws, "IT", "support", "#8854D0", id="f-it")
    ops.add_function(ws, "HR", "support", "#F39C12", id="f-hr")
    ops.add_function(ws, "Procurement", "support", "#576574", id="f-procurement")

    # Customer-facing goals traced to strategy
    ops.add_goal(
        ws,
        "Match products to each customer's real needs",
        "f-sales",
        id="g-sales-match",
        measure="Share of sales with a needs assessment",
        target="90% by Q3",
    )
    ops.add_goal(
        ws,
        "Helpful, friendly, respectful service",
        "f-service",
        id="g-service-respect",
        measure="Customer satisfaction after contact",
        target="4.5 of 5",
    )
    ops.add_goal(
        ws,
        "Resolve tickets fast",
        "f-support",
        id="g-support-fast",
        measure="Median time to resolve",
        target="under 8 working hours",
    )
    ops.link(ws, "g-sales-match", "g-loyalty", id="l-sales-loyalty")
    ops.link(ws, "g-service-respect", "g-loyalty", id="l-service-loyalty")
    ops.link(ws, "g-support-fast", "g-loyalty", id="l-support-loyalty")

    # IT serves Sales (questions 1 to 4 answered)
    ops.add_relation(ws, "f-it", "f-sales", id="r-it-sales")
    ops.update_relation(
        ws,
        "r-it-sales",
        customer_goal_ids=["g-sales-match"],
        helps=["CRM is available all day and fast to search"],
        hindrances=["Purchase history arrives a week late", "Duplicate customer records confuse campaigns"],
    )
    ops.add_goal(
        ws,
        "Accurate customer records and purchase history within a day",
        "f-it",
        id="g-it-records",
        measure="Hours from purchase to CRM record",
        target="under 24 hours",
    )
    ops.link(ws, "g-it-records", "g-sales-match", id="l-it-sales")
    # A deliberate mistake the room will spot: IT tied straight to loyalty, undeclared.
    ops.add_goal(ws, "IT will raise customer loyalty", "f-it", id="g-it-loyalty")
    ops.link(ws, "g-it-loyalty", "g-loyalty", id="l-it-around")
    for q, note in enumerate(
        [
            "Sales is our internal customer for customer data.",
            "Sales wants to match products to real needs, which drives loyalty.",
            "We help with a fast CRM; we hinder with late and duplicated records.",
            "Customer records and purchase history accurate within a day.",
        ],
        start=1,
    ):
        ops.set_answer(ws, "f-it", q, note=note, id=f"a-it-{q}")

    # HR serves Customer Service (questions 1 to 4 answered) and declares an exception on engagement
    ops.add_relation(ws, "f-hr", "f-service", id="r-hr-service")
    ops.update_relation(
        ws,
        "r-hr-service",
        customer_goal_ids=["g-service-respect"],
        helps=["Service training programme for new starters"],
        hindrances=["Vacant posts stay open for three months", "Recruits are chosen for skills, not attitude"],
    )
    ops.add_goal(
        ws,
        "Fill vacant posts within 30 days with people who fit",
        "f-hr",
        id="g-hr-vacancies",
        measure="Days from vacancy to start; fit score after probation",
        target="30 days; 80% fit",
    )
    ops.link(ws, "g-hr-vacancies", "g-service-respect", id="l-hr-service")
    ops.add_goal(ws, "Develop staff through coaching and career paths", "f-hr", id="g-hr-development")
    ops.link(
        ws,
        "g-hr-development",
        "g-engagement",
        kind=LinkKind.DIRECT_IMPACT,
        reason="Staff development moves engagement directly; no function stands in between.",
        id="l-hr-engagement",
    )
    for q, note in enumerate(
        [
            "Customer Service is our main internal customer.",
            "Customer Service wants helpful, respectful service, which drives loyalty.",
            "Training helps; slow hiring and hiring for skills alone hinder.",
            "Fill posts within 30 days with people who fit the service.",
        ],
        start=1,
    ):
        ops.set_answer(ws, "f-hr", q, note=note, id=f"a-hr-{q}")

    # Procurement: a declared direct-impact exception
    ops.add_goal(
        ws,
        "Purchasing policy that cuts what we pay for goods and services",
        "f-procurement",
        id="g-proc-policy",
        measure="Spend under framework contracts",
        target="70%",
    )
    ops.link(
        ws,
        "g-proc-policy",
        "g-expenditure",
        kind=LinkKind.DIRECT_IMPACT,
        reason="The purchasing policy sets what the company pays; it lowers expenditure directly.",
        id="l-proc-expenditure",
    )

    # Via negativa
    ops.add_kpi(
        ws,
        "f-sales",
        "New contracts signed",
        id="k-sales-contracts",
        rewards="Every new contract, whatever the customer needs",
        scope="local",
        incentive="Quarterly bonus per contract",
    )
    ops.add_kpi(
        ws, "f-support", "Time to resolve", id="k-support-ttr", rewards="Closing tickets quickly", scope="local"
    )
    ops.add_tension(
        ws,
        "k-sales-contracts",
        "k-support-ttr",
        "A big new contract brings a wave of tickets from new customers: a win for Sales is a "
        "loss on Support's dashboard.",
        id="t-contracts-ttr",
    )
    ops.add_weakness(
        ws,
        "f-it",
        "The CRM sync built in a hurry for the last big deal is fragile and fails under load.",
        ["f-sales", "f-support"],
        id="w-crm-sync",
    )
    ops.add_decision(
        ws,
        "Who approves product changes promised in a sale",
        "Dana Kim (Head of Product)",
        id="d-approvals",
        due=dt.date(2026, 12, 15),
        heard_function_ids=["f-sales", "f-it", "f-support"],
    )

    # A participant's suggestion waiting for the facilitator
    ops.suggest_link(
        ws,
        "g-hr-vacancies",
        "g-support-fast",
        author="Lena Vogel",
        reason="Support is short of staff too; faster hiring would cut resolution times.",
        id="s-hr-support",
    )
    return ws


def build(name: str) -> Workshop:
    """The example workshop of this name; raises KeyError with the names there are."""
    if name == "customer-loyalty":
        return customer_loyalty()
    raise KeyError(f"no example '{name}'; there is: {', '.join(EXAMPLES)}")
