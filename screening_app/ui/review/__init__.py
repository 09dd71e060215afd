"""The supervisor's screens: the review queue, a case read-only with its decisions, the
recipients with a preview of what each receives and the PDF export, and the statistics."""
