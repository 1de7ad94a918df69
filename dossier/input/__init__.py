"""Read what a group gives us: workbooks, CSV folders, Kobo exports, the organisation config."""
