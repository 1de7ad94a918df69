"""When prosecution of a délit is time-barred, as the law stood on a date: one computation for all.

The DDD complaint's limitation line (dossier/assemble/complaint.py) and the warning of
``dossier validate --layout ddd`` (dossier/validate/completeness.py) both take their date from
:func:`limitation_as_of`, so that the file and the check on it never disagree. The rules and their
sources are in docs/legal-basis.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Law n° 2017-242 of 27 February 2017 (art. 8 of the code of criminal procedure) took effect on
# 1 March 2017: délits are time-barred after 6 years instead of 3. Under art. 112-2, 4° of the
# code pénal it applies at once to offences not yet time-barred on that day (its own art. 4 only
# protects prosecutions already under way).
LAW_2017_IN_FORCE = dt.date(2017, 3, 1)
PERIOD_BEFORE_2017 = 3  # years
PERIOD_SINCE_2017 = 6  # years

# Limitation periods of prosecution that were running on 12 March 2020 were suspended from that
# day until 10 August 2020 (ordonnance n° 2020-303, art. 3, as the Cour de cassation read it: Crim.,
# 7 June 2023, n° 22-86.644). Both days count as suspended: art. 2 of the ordonnance ends its
# measures one month after the state of health emergency, which loi n° 2020-546 extended
# "jusqu'au 10 juillet 2020 inclus"; such a period therefore ends SUSPENSION_2020_DAYS later.
SUSPENSION_2020_FROM = dt.date(2020, 3, 12)
SUSPENSION_2020_UNTIL = dt.date(2020, 8, 10)
SUSPENSION_2020_DAYS = (SUSPENSION_2020_UNTIL - SUSPENSION_2020_FROM).days + 1
# The ordonnance's publication (it took effect the next day, 27 March 2020) and the ruling that
# fixed the suspension's end: the dates from which legal_basis.toml holds them in force
# (tests/test_limitation.py checks that the table agrees). Signed before the ordonnance, no
# statement across 12 March 2020 is made; before the ruling, no date across the suspension.
SUSPENSION_2020_ORDONNANCE_IN_FORCE = dt.date(2020, 3, 27)
SUSPENSION_2020_RULING = dt.date(2023, 6, 7)

# How a period meets the 2020 suspension (Limitation.suspension).
NOT_SUSPENDED = ""  # it ended before 12 March 2020, or began after 10 August 2020
EXTENDED = "extended"  # it ran on 12 March 2020: the deadline counts the suspension's days
RUNNING = "running"  # it ran on 12 March 2020, but the ruling postdates the signature: no date
BEGAN_DURING = "began_during"  # facts committed during the suspension: no date
BEFORE_ORDONNANCE = "before_ordonnance"  # signed before the ordonnance was in force: no date
UNDATED = frozenset({RUNNING, BEGAN_DURING, BEFORE_ORDONNANCE})


@dataclass(frozen=True)
class Limitation:
    """When the limitation period for délits ends, and which rules gave the date."""

    #: The period's last day (counted from the day after the facts to the same date N years
    #: later), the suspension's days included when ``suspension`` is EXTENDED. When the period
    #: is undated (``dated`` is False) it is the last day without the suspension: a lower bound.
    deadline: dt.date
    years: int
    # "law_before_2017": signed before 1 March 2017; "since_2017": facts since 1 March 2017;
    # "transitional": earlier facts not yet time-barred on that day; "before_2017": facts already
    # time-barred under the former 3-year rule.
    rule: str
    #: How the period meets the suspension of 2020: one of the constants above.
    suspension: str = NOT_SUSPENDED

    @property
    def dated(self) -> bool:
        """Whether a date can be stated as the law stood on the signature date."""
        return self.suspension not in UNDATED

    @property
    def extension_days(self) -> int:
        """The days the suspension adds to the period (0 unless EXTENDED)."""
        return SUSPENSION_2020_DAYS if self.suspension == EXTENDED else 0


def limitation_for(facts: dt.date) -> Limitation:
    """The end of the limitation period for a délit committed on ``facts``, under the 2017 law.

    6 years for facts since 1 March 2017; for earlier facts, 6 years when the former 3-year
    period had not run out by 1 March 2017 (the 2017 law applies to offences not yet
    time-barred), else 3 years. Neither the 2020 suspension (see :func:`limitation_as_of`) nor
    interrupting acts (not known here) are counted.
    """
    if facts >= LAW_2017_IN_FORCE:
        return Limitation(add_years(facts, PERIOD_SINCE_2017), PERIOD_SINCE_2017, "since_2017")
    former = add_years(facts, PERIOD_BEFORE_2017)
    if former >= LAW_2017_IN_FORCE:
        return Limitation(add_years(facts, PERIOD_SINCE_2017), PERIOD_SINCE_2017, "transitional")
    return Limitation(former, PERIOD_BEFORE_2017, "before_2017")


def limitation_as_of(facts: dt.date, signed_on: dt.date) -> Limitation:
    """The limitation period for a délit committed on ``facts``, as the law stood on ``signed_on``.

    Before 1 March 2017 the law was 3 years (art. 8 of the code de procédure pénale in its
    2014 wording), whatever came later: a dossier signed then cannot apply a law not yet in
    force. From that day, :func:`limitation_for`, and then the 2020 suspension: a period running
    on 12 March 2020 ends SUSPENSION_2020_DAYS later when the dossier is signed on or after the
    ruling that fixed the suspension's end; signed earlier, or for facts committed during the
    suspension (the ruling speaks only of periods running on 12 March), no date is given.
    """
    if signed_on < LAW_2017_IN_FORCE:
        former = add_years(facts, PERIOD_BEFORE_2017)
        return Limitation(former, PERIOD_BEFORE_2017, "law_before_2017")
    plain = limitation_for(facts)
    meets_suspension = (
        signed_on >= SUSPENSION_2020_FROM
        and plain.deadline >= SUSPENSION_2020_FROM
        and facts <= SUSPENSION_2020_UNTIL
    )
    if not meets_suspension:
        return plain
    if signed_on < SUSPENSION_2020_ORDONNANCE_IN_FORCE:
        suspension = BEFORE_ORDONNANCE
    elif facts >= SUSPENSION_2020_FROM:
        suspension = BEGAN_DURING
    elif signed_on < SUSPENSION_2020_RULING:
        suspension = RUNNING
    else:
        return Limitation(
            plain.deadline + dt.timedelta(days=SUSPENSION_2020_DAYS),
            plain.years,
            plain.rule,
            EXTENDED,
        )
    return Limitation(plain.deadline, plain.years, plain.rule, suspension)


def last_possible_day(day: dt.date, precision: str) -> dt.date:
    """The last day facts dated ``day`` may have happened: a date known by its month or its year
    only (``precision`` "month" or "year") may be any day of it."""
    if precision == "year":
        return day.replace(month=12, day=31)
    if precision == "month":
        following = day.replace(day=28) + dt.timedelta(days=4)
        return following - dt.timedelta(days=following.day)
    return day


def add_years(day: dt.date, years: int) -> dt.date:
    """The same date ``years`` later (a 29 February becomes the 28th in a year that has none)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)
