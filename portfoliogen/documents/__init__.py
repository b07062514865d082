"""The documents a client asks for: CV and proposal as PDF, proposal.ics, resume.json in and out."""
