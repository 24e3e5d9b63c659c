"""The patient takeaway: the sections in reading order; a paused plan carries no treatment plan."""

from __future__ import annotations

from reportlab.platypus import Flowable

from core.takeaway.about import concerns_section, header_section, notes_section, signature_section
from core.takeaway.care import (
    cost_section,
    expect_section,
    flags_section,
    keep_together,
    maintenance_section,
    plan_section,
    talk_first_section,
)
from core.takeaway.clinical import takeaway_photos_section
from core.takeaway.context import Context
from core.vocabulary import FlagCode


def takeaway_story(ctx: Context) -> list[Flowable]:
    story = header_section(ctx)
    if ctx.plan.paused:
        if not ctx.plan.has_flag(FlagCode.TALK_FIRST):
            story += concerns_section(ctx)
        story += talk_first_section(ctx)
    else:
        for section in (
            concerns_section,
            plan_section,
            flags_section,
            expect_section,
            maintenance_section,
            cost_section,
            takeaway_photos_section,
        ):
            story += section(ctx)
    if not ctx.plan.has_flag(FlagCode.TALK_FIRST):
        story += notes_section(ctx)
    return _with_last(story, signature_section(ctx))


def _with_last(story: list[Flowable], signature: list[Flowable]) -> list[Flowable]:
    """The signatures never stand alone on the last page: the last block before them goes along."""
    return [*story[:-1], keep_together([story[-1], *signature])]
