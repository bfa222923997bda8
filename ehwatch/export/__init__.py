"""What ehwatch hands to other programs: Prometheus metrics and an iCalendar file of the expiry dates.

``prometheus.py`` renders the exposition text from the inventory records and the open renewals,
``calendar.py`` renders the ``.ics``, ``publisher.py`` is what ``ehwatch run`` calls after every scan
(the textfile for node_exporter, the calendar file, the optional ``/metrics`` listener on loopback).
Nothing here decides anything: the facts come from ``monitor/`` and ``renewal/``.
"""
