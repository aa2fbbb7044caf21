"""Teaching mode in the editor: lessons, "what happens" simulations, explanations, presentation.

The window needs one call, `install_teaching(window)`, which adds the Lessons, What Happens and
Explain docks, the Teaching menu (panels, Explain, language) and the presentation entries of the
View menu, and follows the window through New and Open.
"""

from __future__ import annotations

from kubecanvas.ui.teaching.controller import TeachingController, install_teaching

__all__ = ["TeachingController", "install_teaching"]
