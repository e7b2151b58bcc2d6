"""The goal tree as vector drawings on landscape pages: whole when legible, else overview + details."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, NextPageTemplate, PageBreak

from workshop.model import FunctionKind
from workshop.report import treeplan
from workshop.report.context import ReportContext
from workshop.report.diagram import MIN_LEGIBLE_PT, TITLE_SIZE, SceneFlowable
from workshop.report.doc import Heading
from workshop.report.escape import markup

LEGEND = (
    "Arrows point from a goal to the goal it serves. "
    '<font color="#7D3C98"><b>Purple</b></font>: a declared direct-impact exception (a support goal that moves a '
    "strategic goal directly, with a reason). "
    '<font color="#D68910"><b>Orange, dashed, \u26a0</b></font>: a support goal tied straight to a strategic goal '
    "without a declared exception: it goes around its internal customers instead of via them."
)
RESERVED = 80.0
"""Points of a landscape frame kept for the heading and the legend."""


def _legible(scene, width: float, height: float) -> bool:
    return min(scene.scale_to(width, height), 1.0) * TITLE_SIZE >= MIN_LEGIBLE_PT


def _best_whole_tree(ctx: ReportContext, width: float, height: float):
    """The room's own board when it prints legibly; else whichever computed layout prints largest."""
    candidates = [treeplan.whole_tree(ctx, p) for p in treeplan.candidate_positions(ctx)]
    if ctx.ws.goals and all(g.id in ctx.ws.positions for g in ctx.ws.goals) and _legible(candidates[0], width, height):
        return candidates[0]
    best = max(candidates, key=lambda scene: scene.scale_to(width, height))
    return best if _legible(best, width, height) else None


def build(ctx: ReportContext) -> list:
    s = ctx.styles
    width, height = ctx.wide_width, ctx.wide_height - RESERVED
    out: list = [NextPageTemplate("wide"), PageBreak(), Heading("The goal tree", s.h1, "The goal tree")]
    if not ctx.ws.goals:
        out.append(ctx.raw("No goals were recorded."))
    else:
        whole = _best_whole_tree(ctx, width, height)
        if whole is not None:
            out += [SceneFlowable(whole, width, height), ctx.raw(LEGEND, "small")]
        else:
            out += _overview_and_details(ctx, width, height)
    out += [NextPageTemplate("page"), PageBreak()]
    return out


def _overview_and_details(ctx: ReportContext, width: float, height: float) -> list:
    s = ctx.styles
    overview = treeplan.function_overview(ctx)
    out: list = [
        ctx.raw(
            f"The tree has {len(ctx.ws.goals)} goals, too many to print legibly on one page. This overview shows "
            "one box per function; an arrow stands for one or more links between two functions. "
            "Detail drawings per function follow.",
            "small",
        ),
        SceneFlowable(overview, width, height - 20, with_text=_legible(overview, width, height - 20), edge_alpha=0.45),
        ctx.raw(LEGEND, "small"),
    ]
    ordered = ctx.functions_of(FunctionKind.CUSTOMER_FACING) + ctx.functions_of(FunctionKind.SUPPORT)
    first = True
    for function in ordered:
        scenes = treeplan.function_details(ctx, function.id)
        if not scenes:
            continue
        flows = [SceneFlowable(scene, width, height - 20) for _, scene in scenes]
        # the heading starts a page unless it and the first drawing fit in what is left of this one
        out.append(PageBreak() if first else CondPageBreak(flows[0].height + 60))
        first = False
        out.append(Heading(f"Detail: {markup(function.name)}", s.h2, f"Detail: {function.name}", level=1))
        for (title, _), flow in zip(scenes, flows, strict=True):
            out.append(KeepTogether([ctx.raw(title, "small"), flow] if title else [flow]))
    return out
