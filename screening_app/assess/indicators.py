"""Canonical ILO/EC (2009) operational indicator ids and their English labels.

Forms, rules, tests and the ``assess`` command all use these ids. Strengths per profile live
in the versioned profile data files, not here.
"""

from __future__ import annotations

DIMENSIONS: tuple[str, ...] = ("DR", "CR", "VR", "EX", "CD", "VD")

DIMENSION_LABELS: dict[str, str] = {
    "DR": "Deceptive recruitment",
    "CR": "Coercive recruitment",
    "VR": "Recruitment by abuse of vulnerability",
    "EX": "Exploitative conditions of work",
    "CD": "Coercion at destination",
    "VD": "Abuse of vulnerability at destination",
}

INDICATOR_LABELS: dict[str, str] = {
    "DR.job_nature": "Deceived about the nature of the job, location or employer",
    "DR.wages": "Deceived about wages or earnings",
    "DR.work_conditions": "Deceived about conditions of work",
    "DR.contract": "Deceived about the content or legality of the contract",
    "DR.housing": "Deceived about housing and living conditions",
    "DR.documents": "Deceived about legal documentation or migration status",
    "DR.travel": "Deceived about travel and recruitment conditions",
    "DR.family_reunification": "Deceived about family reunification",
    "DR.marriage_adoption": "Deceived through promises of marriage or adoption",
    "DR.education": "Deceived about access to education",
    "CR.violence": "Violence on the person during recruitment",
    "CR.threats_violence": "Threats of violence during recruitment",
    "CR.abduction_sale": "Abduction, forced marriage or adoption, selling",
    "CR.debt_bondage": "Debt bondage at recruitment",
    "CR.documents_confiscated": "Confiscation of documents at recruitment",
    "CR.isolation": "Isolation, confinement or surveillance during recruitment",
    "CR.threat_denunciation": "Threat of denunciation to authorities during recruitment",
    "CR.threat_inform_family": "Threat to inform family, community or public during recruitment",
    "CR.violence_family": "Violence or threats against family during recruitment",
    "CR.withholding_money": "Withholding of money during recruitment",
    "VR.family_difficulty": "Abuse of a difficult family situation",
    "VR.irregular_status": "Abuse of irregular status",
    "VR.lack_education": "Abuse of lack of education or language",
    "VR.lack_information": "Abuse of lack of information",
    "VR.control_exploiters": "Control by exploiters",
    "VR.economic": "Economic reasons",
    "VR.false_info_migration": "False information about successful migration",
    "VR.false_info_law": "False information about the law or attitude of authorities",
    "VR.family_situation": "Family situation",
    "VR.personal_situation": "Personal situation",
    "VR.emotional_dependency": "Psychological and emotional dependency",
    "VR.authorities_status": "Relationship with authorities or legal status",
    "VR.past_difficulties": "Difficulties in the past",
    "VR.travel_organisation": "Difficulty to organise the travel",
    "VR.cultural_beliefs": "Abuse of cultural or religious beliefs",
    "VR.general_context": "General context (conflict, disaster, political situation)",
    "EX.excessive_hours": "Excessive working days or hours",
    "EX.low_no_salary": "Low or no salary",
    "EX.wage_manipulation": "Wage manipulation",
    "EX.bad_living": "Bad living conditions",
    "EX.bad_working": "Very bad working conditions",
    "EX.hazardous": "Hazardous work",
    "EX.labour_law": "No respect of labour laws or contract",
    "EX.no_social_protection": "No social protection",
    "EX.no_education": "No access to education",
    "CD.documents_confiscated": "Confiscation of documents",
    "CD.debt_bondage": "Debt bondage",
    "CD.isolation": "Isolation, confinement or surveillance",
    "CD.violence": "Violence on the person",
    "CD.threats_violence": "Threats of violence",
    "CD.forced_illicit": "Forced into illicit or criminal activities",
    "CD.forced_tasks": "Forced tasks or clients",
    "CD.strong_influence": "Under strong influence",
    "CD.against_peers": "Forced to act against peers",
    "CD.forced_lie": "Forced to lie to authorities or family",
    "CD.threat_denunciation": "Threat of denunciation to authorities",
    "CD.threat_worse_conditions": "Threat of even worse working conditions",
    "CD.violence_family": "Violence or threats against family",
    "CD.withholding_wages": "Withholding of wages",
    "CD.threat_inform_family": "Threat to inform family, community or public",
    "VD.dependency": "Dependency on exploiters",
    "VD.unknown_area": "Difficulty to live in an unknown area",
    "VD.economic": "Economic reasons",
    "VD.family_situation": "Family situation",
    "VD.authorities_status": "Relationship with authorities or legal status",
    "VD.past_difficulties": "Difficulties in the past",
    "VD.personal_characteristics": "Personal characteristics",
}

INDICATOR_IDS: frozenset[str] = frozenset(INDICATOR_LABELS)

# Flags a form answer can raise; each changes urgency or services (see DOMAIN.md).
FLAG_IDS: frozenset[str] = frozenset(
    {"possible_minor", "unaccompanied", "immediate_danger", "medical_urgent"}
)


def dimension_of(indicator_id: str) -> str:
    """The dimension code of an indicator id (``"EX.hazardous"`` -> ``"EX"``)."""
    return indicator_id.split(".", 1)[0]
