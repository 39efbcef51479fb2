"""Source table for the plan messages in both målformer (used once to seed the catalogs).

The .po files under src/skolemiljo/locales are the source of truth after seeding; this table is
kept so a reviewer can read nb and nn side by side.
"""

MESSAGES = {
    "plan_item_a": (
        "The item label of a.",
        "hvilket problem tiltakene skal løse",
        "kva problem tiltaka skal løyse",
    ),
    "plan_item_b": (
        "The item label of b.",
        "hvilke tiltak skolen har planlagt",
        "kva tiltak skolen har planlagt",
    ),
    "plan_item_c": (
        "The item label of c.",
        "når tiltakene skal gjennomføres",
        "når tiltaka skal gjennomførast",
    ),
    "plan_item_d": (
        "The item label of d (opplæringslova 2023).",
        "hvem som skal gjennomføre tiltakene",
        "kven som skal gjennomføre tiltaka",
    ),
    "plan_item_d@oppl1998_ch9a": (
        "The item label of d (opplæringslova 1998 § 9 A-4).",
        "hvem som er ansvarlig for gjennomføringen av tiltakene",
        "kven som er ansvarleg for gjennomføringa av tiltaka",
    ),
    "plan_item_e": (
        "The item label of e.",
        "når tiltakene skal evalueres",
        "når tiltaka skal evaluerast",
    ),
    "plan_item_f": (
        "The item label of f.",
        "vurderingen av hva som er best for eleven",
        "vurderinga av kva som er best for eleven",
    ),
    "plan_problem_missing": (
        "Item a missing. Placeholders: item, item_label.",
        "Planen må beskrive {item_label} (punkt {item}).",
        "Planen må skildre {item_label} (punkt {item}).",
    ),
    "plan_problem_vague": (
        "Item a very short. Placeholders: item, item_label.",
        "Problembeskrivelsen er svært kort. Beskriv hva eleven opplever, og hva tiltakene skal endre (punkt {item}).",
        "Problemskildringa er svært kort. Skildre kva eleven opplever, og kva tiltaka skal endre (punkt {item}).",
    ),
    "plan_measures_missing": (
        "No measures. Placeholders: item, item_label.",
        "Planen har ingen tiltak. Før opp minst ett tiltak skolen har planlagt (punkt {item}).",
        "Planen har ingen tiltak. Før opp minst eitt tiltak skolen har planlagt (punkt {item}).",
    ),
    "plan_measure_description_missing": (
        "A measure without description. Placeholders: measure, item, item_label.",
        "Tiltak {measure} mangler en beskrivelse av hva skolen skal gjøre (punkt {item}).",
        "Tiltak {measure} manglar ei skildring av kva skolen skal gjere (punkt {item}).",
    ),
    "plan_measure_timing_missing": (
        "A measure without start date. Placeholders: measure, item, item_label.",
        "Tiltak {measure} mangler når det skal gjennomføres (punkt {item}).",
        "Tiltak {measure} manglar når det skal gjennomførast (punkt {item}).",
    ),
    "plan_measure_dates_out_of_order": (
        "A measure ends before it starts. Placeholders: measure, item, item_label.",
        "Tiltak {measure} slutter før det starter. Rett datoene (punkt {item}).",
        "Tiltak {measure} sluttar før det startar. Rett datoane (punkt {item}).",
    ),
    "plan_measure_carried_out_by_missing": (
        "A measure without who carries it out. Placeholders: measure, item, item_label.",
        "Tiltak {measure} mangler hvem som skal gjennomføre det (punkt {item}).",
        "Tiltak {measure} manglar kven som skal gjennomføre det (punkt {item}).",
    ),
    "plan_measure_carried_out_by_missing@oppl1998_ch9a": (
        "Same, for plans under the 1998 act (item d: 'ansvarleg'). Placeholders: measure, item, item_label.",
        "Tiltak {measure} mangler hvem som er ansvarlig for gjennomføringen (punkt {item}).",
        "Tiltak {measure} manglar kven som er ansvarleg for gjennomføringa (punkt {item}).",
    ),
    "plan_measure_carried_out_by_unspecific": (
        "Who carries out a measure is unspecific. Placeholders: measure, item, item_label.",
        "Tiltak {measure}: Skriv hvilken rolle eller person som skal gjøre det, ikke bare «alle» eller «skolen» (punkt {item}).",
        "Tiltak {measure}: Skriv kva rolle eller person som skal gjere det, ikkje berre «alle» eller «skolen» (punkt {item}).",
    ),
    "plan_evaluation_missing": (
        "A measure without evaluation date. Placeholders: measure, item, item_label.",
        "Tiltak {measure} mangler når det skal evalueres (punkt {item}).",
        "Tiltak {measure} manglar når det skal evaluerast (punkt {item}).",
    ),
    "plan_evaluation_before_start": (
        "Evaluation before the measure starts. Placeholders: measure, item, item_label.",
        "Tiltak {measure} skal evalueres før det har startet. Sett en evalueringsdato etter oppstart (punkt {item}).",
        "Tiltak {measure} skal evaluerast før det har starta. Set ein evalueringsdato etter oppstart (punkt {item}).",
    ),
    "plan_evaluation_far_future": (
        "Evaluation long after start. Placeholders: measure, days, item, item_label.",
        "Tiltak {measure} skal evalueres først {days} dager etter oppstart. Vurder en tidligere evaluering (punkt {item}).",
        "Tiltak {measure} skal evaluerast først {days} dagar etter oppstart. Vurder ei tidlegare evaluering (punkt {item}).",
    ),
    "plan_best_interests_missing": (
        "Item f missing. Placeholders: item, item_label.",
        "Planen mangler {item_label} (punkt {item}).",
        "Planen manglar {item_label} (punkt {item}).",
    ),
    "plan_text_placeholder": (
        "An item holds only placeholder text. Placeholders: item, item_label.",
        "Punkt {item} ({item_label}) inneholder bare plassholdertekst. Skriv inn det planen skal si.",
        "Punkt {item} ({item_label}) inneheld berre plasshaldartekst. Skriv inn det planen skal seie.",
    ),
    "plan_dated_before_report": (
        "Plan dated before the case was raised with the principal.",
        "Planen er datert før saken ble tatt opp med rektor. Kontroller datoene.",
        "Planen er datert før saka vart teken opp med rektor. Kontroller datoane.",
    ),
    "plan_pupil_not_heard": (
        "No record that the pupil was heard.",
        "Planen viser ikke at eleven er hørt. Eleven har rett til å bli hørt før tiltak velges.",
        "Planen viser ikkje at eleven er høyrd. Eleven har rett til å bli høyrd før tiltak blir valde.",
    ),
    "plan_pupil_heard_after_plan": (
        "The pupil was heard after the plan was made.",
        "Eleven ble hørt etter at planen ble laget. Eleven skal høres før tiltakene velges.",
        "Eleven vart høyrd etter at planen vart laga. Eleven skal bli høyrd før tiltaka blir valde.",
    ),
    "cli_plan_valid": (
        "CLI summary when the plan has no error. Placeholders: warnings.",
        "Planen kan lagres. Advarsler: {warnings}.",
        "Planen kan lagrast. Åtvaringar: {warnings}.",
    ),
    "cli_plan_invalid": (
        "CLI summary when the plan has errors. Placeholders: errors, warnings.",
        "Planen kan ikke lagres. Feil: {errors}. Advarsler: {warnings}.",
        "Planen kan ikkje lagrast. Feil: {errors}. Åtvaringar: {warnings}.",
    ),
}
