"""Realistic school profiles for the match tests.

They refer to catalogue ids (current interventions) that the fixtures check exist, and
otherwise only to vocabulary keys; the assertions are properties, so the tests keep
holding while editors add entries.
"""

from __future__ import annotations

from typing import Any

PROFILES: dict[str, dict[str, Any]] = {
    # A Jenaplan primary school whose pupil survey shows cyberbullying in groep 7–8.
    "jenaplan_po_cyberbullying": {
        "school_type": "po", "ages": {"min": 4, "max": 12},
        "concerns": ["cyberbullying", "bullying"], "school_concept": "jenaplan",
        "approaches": ["democratic_citizenship", "restorative"],
        "monitor": {"year": 2025, "source": "leerlingvragenlijst", "results": [
            {"indicator": "cyberbullied", "share": 0.14, "reference": 0.08,
             "school_years": {"system": "groep", "min": 7, "max": 8}},
            {"indicator": "bullied", "share": 0.09, "reference": 0.12},
        ]},
    },
    # A vmbo school that already runs SWPBS and worries about classroom behaviour.
    "vmbo_running_swpbs": {
        "school_type": "vo", "ages": {"min": 12, "max": 16},
        "concerns": ["bullying", "classroom_behaviour"], "current_interventions": ["swpbs"],
        "min_evidence": "theoretically_sound", "max_training_hours": 24,
    },
    # An SO cluster-4 school (pupils with behavioural and psychiatric needs).
    "so_cluster_4": {
        "school_type": "so", "ages": {"min": 6, "max": 12},
        "concerns": ["classroom_behaviour", "bullying", "social_emotional_skills"],
        "approaches": ["positive_behaviour_support", "behavioural_classroom_management",
                       "targeted_skills_training"],
    },
    # A small primary school with a tiny budget.
    "tiny_budget": {
        "school_type": "po", "ages": {"min": 4, "max": 12}, "concerns": ["bullying"],
        "budget": {"max_eur": 250, "per": "school", "period": "year"},
        "school_size": {"pupils": 90, "classes": 4, "teachers": 6},
        "max_training_hours": 4,
    },
    # A primary school already running KiVa.
    "running_kiva": {
        "school_type": "po", "ages": {"min": 6, "max": 12},
        "concerns": ["bullying", "social_emotional_skills"], "current_interventions": ["kiva"],
        "min_evidence": "first_indications", "lang": "en",
    },
    # A Montessori primary school that only wants class- and school-level work.
    "montessori_class_and_school": {
        "school_type": "po", "school_concept": "montessori",
        "concerns": ["social_emotional_skills", "group_dynamics"],
        "levels": ["class", "school"],
    },
    # Special secondary education worried about sexual boundaries.
    "vso_sexual_boundaries": {
        "school_type": "vso", "ages": {"min": 12, "max": 18},
        "concerns": ["sexual_boundaries", "bullying"], "lang": "en",
    },
    # An mbo college where the survey shows pupils feel unsafe.
    "mbo_unsafe": {
        "school_type": "mbo", "ages": {"min": 16, "max": 20},
        "concerns": ["discrimination"],
        "monitor": {"year": 2024, "results": [
            {"indicator": "unsafe", "share": 0.2},
            {"indicator": "discriminated", "share": 0.11, "ages": {"min": 16, "max": 18}},
        ]},
    },
    # A Dalton havo/vwo school with online bullying and low wellbeing in leerjaar 3–4.
    "dalton_havo_vwo": {
        "school_type": "vo", "ages": {"min": 12, "max": 18}, "school_concept": "dalton",
        "concerns": ["cyberbullying", "wellbeing"],
        "monitor": {"year": 2025, "source": "Monitor sociale veiligheid", "results": [
            {"indicator": "cyberbullied", "share": 0.09,
             "school_years": {"system": "leerjaar", "min": 3, "max": 4}},
            {"indicator": "low_wellbeing", "share": 0.2},
        ]},
    },
    # Only the required field.
    "minimal": {"school_type": "po"},
    # A vrije school looking for resilience work with a psychophysical approach.
    "vrije_school_resilience": {
        "school_type": "po", "school_concept": "vrije_school", "concerns": ["resilience"],
        "approaches": ["psychophysical"], "levels": ["individual", "class"],
    },
    # Only the strongest evidence will do.
    "strong_evidence_only": {
        "school_type": "po", "concerns": ["bullying"], "min_evidence": "strong_indications",
    },
    # A primary school running two whole-school programmes that do the same job.
    "running_two_programmes": {
        "school_type": "po", "concerns": ["bullying"],
        "current_interventions": ["kiva", "olweus"],
    },
    # A secondary school that only asks for work with individual pupils.
    "vo_individual_only": {
        "school_type": "vo", "concerns": ["bullying"], "levels": ["individual"],
        "budget": {"max_eur": 40, "per": "pupil", "period": "year"},
    },
    # An mbo college with nothing acceptable: strongest evidence and no training time.
    "mbo_nothing_fits": {
        "school_type": "mbo", "concerns": ["sexual_boundaries"],
        "min_evidence": "strong_indications", "max_training_hours": 0,
    },
}

CURRENT_IDS = sorted({i for p in PROFILES.values() for i in p.get("current_interventions", [])})
