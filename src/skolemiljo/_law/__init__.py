"""The law wing (not public API): the law as data, read and checked. ``loading``: the one
reader of ``rules/*.toml`` (and the swap of the rules folder); ``provenance``: where a statement
comes from (statute, guidance, reading, local); ``readings``: the library's readings of open
terms and the opt-in readings (``AuditOptions``); ``ruledata``: the duty rules
(``rules/s*.toml``) and the audit's deadlines (``rules/audit.toml``); ``citing``: citations in
a document that names both opplæringslova 1998 and 2023. ``skolemiljo.legal`` (acts, regimes,
references) stays where vendors import it from.

Each name is loaded with its own module on first use (PEP 562), so that importing
the library stays light."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skolemiljo._lazy import lazy_names

if TYPE_CHECKING:
    from .citing import (
        names_dated_act,
        with_years,
    )
    from .loading import (
        clears_with_rules,
        data_error,
        load_data,
        load_toml,
        on_new_rules,
        rules_folder,
        use_rules_folder,
    )
    from .provenance import (
        SOURCE_KINDS,
        Source,
        SourceKind,
        at_least,
    )
    from .readings import (
        OPT_IN_READINGS,
        AuditOptions,
        OptInReading,
        parse_readings,
    )
    from .ruledata import (
        FACTS,
        All,
        AnyOf,
        AuditData,
        BreachSpec,
        Condition,
        DeadlineKind,
        DeadlineSpec,
        DutyBearer,
        Not,
        Reading,
        Rule,
        RuleVersion,
        atoms,
        audit_data,
        load_rules,
    )

_LAZY = {
    "clears_with_rules": ".loading",
    "data_error": ".loading",
    "load_data": ".loading",
    "load_toml": ".loading",
    "on_new_rules": ".loading",
    "rules_folder": ".loading",
    "use_rules_folder": ".loading",
    "names_dated_act": ".citing",
    "with_years": ".citing",
    "SOURCE_KINDS": ".provenance",
    "Source": ".provenance",
    "SourceKind": ".provenance",
    "at_least": ".provenance",
    "OPT_IN_READINGS": ".readings",
    "AuditOptions": ".readings",
    "OptInReading": ".readings",
    "parse_readings": ".readings",
    "FACTS": ".ruledata",
    "All": ".ruledata",
    "AnyOf": ".ruledata",
    "AuditData": ".ruledata",
    "BreachSpec": ".ruledata",
    "Condition": ".ruledata",
    "DeadlineKind": ".ruledata",
    "DeadlineSpec": ".ruledata",
    "DutyBearer": ".ruledata",
    "Not": ".ruledata",
    "Reading": ".ruledata",
    "Rule": ".ruledata",
    "RuleVersion": ".ruledata",
    "atoms": ".ruledata",
    "audit_data": ".ruledata",
    "load_rules": ".ruledata",
}


__getattr__ = lazy_names(__name__, _LAZY)

__all__ = [
    "FACTS",
    "OPT_IN_READINGS",
    "SOURCE_KINDS",
    "All",
    "AnyOf",
    "AuditData",
    "AuditOptions",
    "BreachSpec",
    "Condition",
    "DeadlineKind",
    "DeadlineSpec",
    "DutyBearer",
    "Not",
    "OptInReading",
    "Reading",
    "Rule",
    "RuleVersion",
    "Source",
    "SourceKind",
    "at_least",
    "atoms",
    "audit_data",
    "clears_with_rules",
    "data_error",
    "load_data",
    "load_rules",
    "load_toml",
    "names_dated_act",
    "on_new_rules",
    "parse_readings",
    "rules_folder",
    "use_rules_folder",
    "with_years",
]
