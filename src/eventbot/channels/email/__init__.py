"""The email channel: attendees and organisers by mail, read over IMAP and sent over SMTP."""
