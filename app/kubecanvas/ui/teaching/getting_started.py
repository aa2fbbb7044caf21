"""What the What Happens dock says about an empty design: how to begin, not an empty table.

A new design used to show "Pod IPs / Pod IP Node" with no rows, which reads like something
broken. An empty design instead gets three steps that lead to a first working application,
and the way to a lesson.
"""

from __future__ import annotations

from html import escape

from kubecanvas.ui.teaching.i18n import tr


def heading() -> str:
    return tr("Getting started")


def steps() -> list[str]:
    """The steps to a first application, in the current language."""
    return [tr("Drag a Deployment, a Service and an Ingress from the palette onto the canvas."),
            tr("Drag from a node's round handle to another node to wire them: the Service "
               "selects the Deployment's pods, the Ingress routes to the Service."),
            tr("Fix what the Problems panel lists, then File → Export YAML gives a file "
               "kubectl apply accepts.")]


def render_getting_started() -> str:
    """The dock's text for an empty design."""
    items = "".join(f"<li>{escape(step)}</li>" for step in steps())
    intro = tr("This design is empty. Here is what happens once it has resources; to begin:")
    lesson = tr("Or open a lesson from the Lessons panel: it explains each step.")
    return f"<p>{escape(intro)}</p><ol>{items}</ol><p>{escape(lesson)}</p>"
