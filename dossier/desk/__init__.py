"""The desk: a small web application on the volunteer's own machine, from workbook to dossier.

`dossier desk` serves it (:mod:`dossier.desk.server`); :func:`dossier.desk.app.make_desk_app`
gives the ASGI application itself, for tests and for an association's own server.
"""
