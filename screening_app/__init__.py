"""screening_app: offline-first first-line screening and referral for reception centres."""

__version__ = "0.1.0"
