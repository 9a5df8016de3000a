"""``hunt.query_time``: the notebook's query time range as the kernel sees it.

Duck type matched (msticpy 3.0.2, read from its source):

* ``QueryProvider`` query functions take positional "parameter provider" objects and read
  any query parameter that is an attribute of them: ``hasattr(obj, "start")`` ->
  ``getattr(obj, "start")`` (``data/core/param_extractor.py::_get_object_params``). So
  ``qry_prov.SecurityAlert.list_alerts(hunt.query_time)`` sets ``start`` and ``end``.
  Keyword use works too: ``list_alerts(start=hunt.query_time.start, end=hunt.query_time.end)``.
* Datetime parameters are accepted when ``isinstance(value, datetime)``
  (``query_source.py::_convert_datetime``); tz-aware values are formatted with
  ``isoformat()`` (``_format_datetime_default``). ``.start``/``.end`` are tz-aware
  ``pandas.Timestamp`` objects (a ``datetime`` subclass) in UTC.
* ``msticpy.common.timespan.TimeSpan(timespan=obj)`` (used by pivots and many TI/context
  functions) accepts any object with at least two of ``start``/``end``/``period``
  (``_is_timespan_type``): this object has all three.
* msticpy's own ``QueryTime`` widget exposes ``start``, ``end``, ``before``, ``after``,
  ``units``, ``origin_time``, ``timespan`` and ``value``: all of them exist here as well
  (``timespan``/``value`` return a msticpy ``TimeSpan`` when msticpy is importable, else
  this object).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

#: Default before any context arrives from the frontend: the last 24 hours.
DEFAULT_LOOKBACK = pd.Timedelta(hours=24)

UNITS = ("minute", "hour", "day", "week")


class QueryTimeError(ValueError):
    """A query time message from the frontend that cannot be used."""


def _utc(value: Any, field: str) -> pd.Timestamp:
    if value is None or value == "":
        raise QueryTimeError(f"query_time.{field} is missing")
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise QueryTimeError(f"query_time.{field} is not an ISO 8601 time: {value!r}") from err
    if pd.isna(ts):
        raise QueryTimeError(f"query_time.{field} is not a time")
    # A naive time from the frontend is taken to be UTC (as msticpy's QueryTime does).
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


def _number(value: Any, field: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise QueryTimeError(f"query_time.{field} must be a number or null")
    return int(value) if float(value).is_integer() else float(value)


class QueryTime:
    """A query time range: ``.start`` and ``.end`` are tz-aware UTC ``pandas.Timestamp``.

    Pass it where msticpy takes a query time: ``qry_prov.<query>(hunt.query_time)`` or
    ``start=hunt.query_time.start, end=hunt.query_time.end``. ``start, end = hunt.query_time``
    unpacks it.
    """

    __slots__ = ("_start", "_end", "origin", "before", "after", "units", "label", "is_default")

    def __init__(
        self,
        start: Any,
        end: Any,
        *,
        origin: Any = None,
        before: float | None = None,
        after: float | None = None,
        units: str | None = None,
        label: str | None = None,
        is_default: bool = False,
    ) -> None:
        self._start = _utc(start, "start")
        self._end = _utc(end, "end")
        if self._end < self._start:
            raise QueryTimeError("query_time.end is before query_time.start")
        self.origin: pd.Timestamp | None = None if origin is None else _utc(origin, "origin")
        self.before = _number(before, "before")
        self.after = _number(after, "after")
        if units is not None and units not in UNITS:
            raise QueryTimeError(f"query_time.units must be one of {', '.join(UNITS)} or null")
        self.units: str | None = units
        if label is not None and not isinstance(label, str):
            raise QueryTimeError("query_time.label must be a string or null")
        self.label: str | None = label
        self.is_default = is_default

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def default(cls, now: pd.Timestamp | None = None) -> QueryTime:
        """The documented default: the 24 hours up to ``now`` (UTC, rounded down to the minute
        so that ``.start`` and ``.end`` read in separate calls agree)."""
        end = (now if now is not None else pd.Timestamp.now(tz="UTC")).floor("min")
        return cls(
            end - DEFAULT_LOOKBACK,
            end,
            origin=end,
            before=24,
            after=0,
            units="hour",
            label="last 24 hours (default: no time range received from JupyterLab yet)",
            is_default=True,
        )

    @classmethod
    def from_message(cls, data: dict[str, Any]) -> QueryTime:
        """Build from the ``query_time`` object of a ``context`` comm message."""
        if not isinstance(data, dict):
            raise QueryTimeError("query_time must be an object or null")
        return cls(
            data.get("start"),
            data.get("end"),
            origin=data.get("origin"),
            before=data.get("before"),
            after=data.get("after"),
            units=data.get("units"),
            label=data.get("label"),
        )

    # -- the msticpy duck type --------------------------------------------------------------
    @property
    def start(self) -> pd.Timestamp:
        return self._start

    @property
    def end(self) -> pd.Timestamp:
        return self._end

    @property
    def period(self) -> pd.Timedelta:
        return self._end - self._start

    @property
    def origin_time(self) -> pd.Timestamp:
        """msticpy ``QueryTime.origin_time``: the origin, or ``end`` when none was given."""
        return self.origin if self.origin is not None else self._end

    @property
    def query_params(self) -> dict[str, pd.Timestamp]:
        """``{"start": ..., "end": ...}``, e.g. ``qry(**hunt.query_time.query_params)``."""
        return {"start": self._start, "end": self._end}

    @property
    def timespan(self) -> Any:
        """A msticpy ``TimeSpan`` when msticpy is importable, else this object."""
        try:
            from msticpy.common.timespan import TimeSpan
        except ImportError:
            return self
        return TimeSpan(start=self._start, end=self._end)

    value = timespan

    def __iter__(self):
        return iter((self._start, self._end))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, QueryTime):
            return (self._start, self._end) == (other._start, other._end)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._start, self._end))

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self._start.isoformat(),
            "end": self._end.isoformat(),
            "origin": None if self.origin is None else self.origin.isoformat(),
            "before": self.before,
            "after": self.after,
            "units": self.units,
            "label": self.label,
            "is_default": self.is_default,
        }

    def __repr__(self) -> str:
        def fmt(ts: pd.Timestamp) -> str:
            return ts.strftime("%Y-%m-%d %H:%M:%S") + " UTC"

        text = f"QueryTime({fmt(self._start)} -> {fmt(self._end)}, {_fmt_period(self.period)}"
        if self.label:
            text += f", {self.label!r}"
        elif self.is_default:
            text += ", default"
        return text + ")"


def _fmt_period(delta: pd.Timedelta) -> str:
    secs = int(delta.total_seconds())
    if secs % 86400 == 0 and secs:
        return f"{secs // 86400} d"
    if secs % 3600 == 0 and secs:
        return f"{secs // 3600} h"
    if secs % 60 == 0:
        return f"{secs // 60} min"
    return f"{secs} s"
