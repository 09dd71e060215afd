"""Words the interface uses for stored codes (status, urgency, outcome, services, flags).

Marked with ``N_`` here and translated with ``_`` where shown, so a change of interface
language takes effect on the next repaint. No label calls a person a victim: the app
records indicators and recommends; identification is the NRM's decision.
"""

from __future__ import annotations

from screening_app.i18n.ui_text import N_, _

STATUS = {
    "draft": N_("Draft"),
    "in_progress": N_("In progress"),
    "awaiting_review": N_("Awaiting review"),
    "returned": N_("Returned for changes"),
    "approved": N_("Approved"),
    "referred": N_("Referred"),
    "closed": N_("Closed"),
}

URGENCY = {
    "immediate": N_("Immediate"),
    "24h": N_("Within 24 hours"),
    "72h": N_("Within 72 hours"),
    "standard": N_("Standard"),
}

OUTCOME_SHORT = {
    "refer_nrm": N_("Refer to NRM"),
    "in_depth_interview": N_("In-depth interview"),
    "no_indicators": N_("Information given"),
}

OUTCOME_LONG = {
    "refer_nrm": N_(
        "Reasonable grounds: recommend referral to the National Referral Mechanism for "
        "formal identification."
    ),
    "in_depth_interview": N_(
        "Some indicators are present: schedule an in-depth interview with trained staff."
    ),
    "no_indicators": N_(
        "No indicators came up in this screening: give information on rights and contacts, "
        "and how to come back for help."
    ),
}

SERVICE = {
    "child_protection": N_("Child protection authority"),
    "guardian": N_("Guardian for an unaccompanied or separated child"),
    "medical": N_("Urgent medical care"),
    "health_screening": N_("Health screening"),
    "shelter": N_("Safe accommodation (shelter)"),
    "psychological": N_("Psychological support"),
    "legal": N_("Legal aid"),
    "reflection_period": N_("Reflection and recovery period"),
    "interpreter": N_("Interpreter or cultural mediator"),
    "law_enforcement": N_("Law enforcement (with the person's consent)"),
    "assisted_voluntary_return": N_("Assisted voluntary return (IOM)"),
    "vocational_training": N_("Vocational training"),
    "information": N_("Information on rights and contacts"),
}

FLAG_TITLE = {
    "possible_minor": N_("Possible child"),
    "unaccompanied": N_("Unaccompanied or separated child"),
    "immediate_danger": N_("Immediate danger"),
    "medical_urgent": N_("Urgent medical need"),
}

FLAG_ACTION = {
    "possible_minor": N_(
        "Call the child protection focal point now. Presumption of minority applies: treat "
        "the person as a child until an age assessment says otherwise."
    ),
    "unaccompanied": N_(
        "Call the child protection focal point now and ask for a guardian. Keep the child "
        "apart from the adults travelling with them while you talk."
    ),
    "immediate_danger": N_(
        "Make sure the person is safe first: move to a private, safe place and call your "
        "supervisor or security now. You may stop the interview."
    ),
    "medical_urgent": N_(
        "Call the medical team now. Go on with the interview only once the person has been "
        "cared for, or later."
    ),
}

ROLE = {
    "admin": N_("Administrator"),
    "supervisor": N_("Supervisor"),
    "responder": N_("First responder"),
    "interpreter": N_("Interpreter"),
}

RECIPIENT = {
    "nrm_coordinator": N_("National Referral Mechanism coordinator"),
    "child_protection": N_("Child protection authority"),
    "guardian": N_("Guardian"),
    "shelter_ngo": N_("Shelter or anti-trafficking organisation"),
    "health": N_("Health service"),
    "legal_aid": N_("Legal aid"),
    "iom": N_("IOM (help to return home safely)"),
    "law_enforcement": N_("Police and prosecutors"),
}


def label(table: dict[str, str], code: str | None) -> str:
    """The translated label of ``code``, or the code itself if it has none."""
    if not code:
        return ""
    return _(table[code]) if code in table else code
