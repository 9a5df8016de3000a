"""``hunt.entities``: the entities of the notebook's investigation, as sent by JupyterLab.

Each entity is an :class:`EntityRecord` (a read-only mapping with the keys ``id``, ``type``,
``properties``, ``pinned``, ``selected``, ``source``, also readable as attributes; property
names are readable as attributes too: ``ent.Address``). :class:`Entities` is a read-only
sequence of them with ``of_type(...)``, ``selected``, ``pinned`` and ``to_msticpy()``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, overload

_KEYS = ("id", "type", "properties", "pinned", "selected", "source")


class EntityError(ValueError):
    """An entity record from the frontend that cannot be used."""


class EntityRecord(Mapping):
    """One entity: ``{"id", "type", "properties", "pinned", "selected", "source"}``."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, Any]) -> None:
        if not isinstance(data, Mapping):
            raise EntityError("an entity must be an object")
        etype = data.get("type")
        if not isinstance(etype, str) or not etype:
            raise EntityError("an entity needs a non-empty string 'type'")
        props = data.get("properties") or {}
        if not isinstance(props, Mapping):
            raise EntityError(f"entity {data.get('id')!r}: 'properties' must be an object")
        self._data = {
            "id": str(data.get("id") or ""),
            "type": etype,
            "properties": dict(props),
            "pinned": bool(data.get("pinned", False)),
            "selected": bool(data.get("selected", False)),
            "source": str(data.get("source") or ""),
        }

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __getattr__(self, name: str) -> Any:
        data = object.__getattribute__(self, "_data")
        if name in data:
            return data[name]
        if name in data["properties"]:
            return data["properties"][name]
        raise AttributeError(f"{data['type']} entity has no attribute {name!r}")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, EntityRecord):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    @property
    def value(self) -> Any:
        """The main property (Address, Url, HostName, ...), or None."""
        props = self._data["properties"]
        for key in _MAIN_PROPERTY.get(self._data["type"].casefold(), ()):
            if props.get(key) not in (None, ""):
                return props[key]
        return next(iter(props.values()), None)

    def to_dict(self) -> dict[str, Any]:
        return {**self._data, "properties": dict(self._data["properties"])}

    def to_msticpy(self) -> Any:
        """Convert to a msticpy entity object (``msticpy.datamodel.entities``).

        Raises ImportError when msticpy is not installed in this kernel. Unknown types
        become msticpy's ``UnknownEntity`` with the properties as attributes.
        """
        try:
            from msticpy.datamodel.entities import Entity
        except ImportError as err:
            raise ImportError(
                "EntityRecord.to_msticpy() needs msticpy in this kernel: "
                "run `%pip install msticpy` and restart the kernel"
            ) from err
        etype = self._data["type"]
        name_map = Entity.ENTITY_NAME_MAP
        cls = name_map.get(etype) or name_map.get(etype.casefold())
        if cls is None:
            cls = {c.__name__.casefold(): c for c in name_map.values()}.get(etype.casefold())
        props = dict(self._data["properties"])
        if cls is None:
            return name_map["unknown"](props, Type=etype)
        return cls(props)

    def __repr__(self) -> str:
        flags = "".join(f" {f}" for f in ("selected", "pinned") if self._data[f])
        return f"<{self._data['type']} {self.value!r}{flags}>"


_MAIN_PROPERTY: dict[str, tuple[str, ...]] = {
    "ipaddress": ("Address",),
    "ip": ("Address",),
    "url": ("Url",),
    "host": ("HostName", "FullName", "DnsDomain", "NetBiosName"),
    "account": ("Name", "Upn", "QualifiedName", "AadUserId", "Sid"),
    "dns": ("DomainName",),
    "file": ("FullPath", "Name", "Sha256", "Sha1", "Md5"),
    "filehash": ("Value",),
    "process": ("CommandLine", "ProcessId"),
    "alert": ("AlertDisplayName", "SystemAlertId"),
    "mailbox": ("MailboxPrimaryAddress", "Upn"),
    "registrykey": ("Key",),
    "azureresource": ("ResourceId",),
    "malware": ("Name",),
}


class Entities(Sequence):
    """A read-only list of :class:`EntityRecord`."""

    __slots__ = ("_items",)

    def __init__(self, items: Sequence[Any] = ()) -> None:
        self._items: tuple[EntityRecord, ...] = tuple(
            i if isinstance(i, EntityRecord) else EntityRecord(i) for i in items
        )

    @classmethod
    def from_message(cls, data: Any) -> Entities:
        if not isinstance(data, list):
            raise EntityError("entities must be a list")
        return cls(data)

    @overload
    def __getitem__(self, index: int) -> EntityRecord: ...
    @overload
    def __getitem__(self, index: slice) -> Entities: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return Entities(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Entities):
            return self._items == other._items
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self._items) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def of_type(self, *types: str) -> Entities:
        """Entities of these types (case-insensitive), e.g. ``of_type("IpAddress")``."""
        wanted = {t.casefold() for t in types}
        return Entities([e for e in self._items if e["type"].casefold() in wanted])

    @property
    def selected(self) -> Entities:
        """The entities the user selected in the Entities panel."""
        return Entities([e for e in self._items if e["selected"]])

    @property
    def pinned(self) -> Entities:
        return Entities([e for e in self._items if e["pinned"]])

    @property
    def values(self) -> list[Any]:
        """The main value of each entity (e.g. the addresses of IpAddress entities)."""
        return [e.value for e in self._items]

    def to_msticpy(self) -> list[Any]:
        """Convert each entity with :meth:`EntityRecord.to_msticpy`."""
        return [e.to_msticpy() for e in self._items]

    def to_list(self) -> list[dict[str, Any]]:
        return [e.to_dict() for e in self._items]

    def to_dataframe(self) -> Any:
        """One row per entity: type, value, flags, then the properties as columns."""
        import pandas as pd

        rows = [
            {
                "type": e["type"],
                "value": e.value,
                "selected": e["selected"],
                "pinned": e["pinned"],
                "source": e["source"],
                "id": e["id"],
                **{f"properties.{k}": v for k, v in e["properties"].items()},
            }
            for e in self._items
        ]
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        if not self._items:
            return "Entities([])"
        inner = ",\n ".join(repr(e) for e in self._items[:50])
        more = f",\n ... {len(self._items) - 50} more" if len(self._items) > 50 else ""
        return f"Entities([\n {inner}{more}\n])"
