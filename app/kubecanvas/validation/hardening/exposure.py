"""Supply chain and exposure (hardening profile): unpinned images, Services open on every
node or to a load balancer, Ingresses without TLS, and NGINX snippet annotations.

`imagePullPolicy` is deliberately not checked: peers' users call that rule noise, and with a
pinned tag or digest the policy changes nothing that matters.
"""

from __future__ import annotations

from collections.abc import Iterator

from kubecanvas.model.fields import as_list, as_mapping
from kubecanvas.model.text import Text
from kubecanvas.validation.context import Context
from kubecanvas.validation.findings import Finding
from kubecanvas.validation.hardening.declare import (
    DOCS,
    INFO,
    Declared,
    W,
    container_label,
    pod_views,
)
from kubecanvas.validation.rule import RuleId

# --- the rule ids this module reports ------------------------------------------------------------
IMAGE_TAG_UNPINNED = RuleId("image.tag.unpinned")
EXPOSURE_SERVICE_EXTERNAL = RuleId("exposure.service.external")
EXPOSURE_INGRESS_TLS = RuleId("exposure.ingress.tls")
EXPOSURE_INGRESS_SNIPPET = RuleId("exposure.ingress.snippet")

#: NGINX Ingress annotations that inject raw configuration (CVE-2021-25742).
SNIPPETS = ("nginx.ingress.kubernetes.io/configuration-snippet",
            "nginx.ingress.kubernetes.io/server-snippet",
            "nginx.ingress.kubernetes.io/auth-snippet",
            "nginx.ingress.kubernetes.io/stream-snippet")


def image_tag(image: str) -> str | None:
    """The tag of an image reference ('' when untagged); None when pinned by digest."""
    if "@" in image:
        return None
    last = image.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else ""


def images(ctx: Context) -> Iterator[Finding]:
    """`image.tag.unpinned`: `:latest` or no tag; a digest counts as pinned."""
    for view in pod_views(ctx):
        for c, path, section in view.containers():
            image = c.get("image")
            if not isinstance(image, str) or not image.strip():
                continue
            tag = image_tag(image.strip())
            if tag not in ("", "latest"):
                continue
            who = container_label(c, section)
            how = Text("has no tag", "태그가 없습니다") if tag == "" else \
                Text("uses the tag latest", "latest 태그가 붙어 있습니다")
            yield ctx.report(IMAGE_TAG_UNPINNED, view.res, Text(
                f"{who} image {image} {how.en}: every node may pull a different build, and a "
                "rollback brings back whatever latest is today. Pin a version tag or a digest "
                "(@sha256:...).",
                f"{who.ko}: 이미지 {image}에 {how.ko}. 노드마다 다른 빌드를 받을 수 있고, 롤백하면 "
                "오늘의 latest가 돌아옵니다. 버전 태그나 다이제스트(@sha256:...)로 고정합니다."),
                (*path, "image"))


def services(ctx: Context) -> Iterator[Finding]:
    """`exposure.service.external`."""
    for res in ctx.targets("Service"):
        kind = res.spec.get("type")
        if kind not in ("NodePort", "LoadBalancer"):
            continue
        reach = Text("on a port of every node", "모든 노드의 포트로") if kind == "NodePort" \
            else Text("through a cloud load balancer, usually from the internet",
                      "클라우드 로드 밸런서를 통해, 보통은 인터넷에서")
        yield ctx.report(EXPOSURE_SERVICE_EXTERNAL, res, Text(
            f"type {kind} exposes the Service outside the cluster {reach.en}; make sure that is "
            "meant, or put it behind an Ingress.",
            f"{kind} 타입은 서비스를 클러스터 밖에 {reach.ko} 노출합니다. 의도한 것인지 확인하거나 "
            "인그레스 뒤에 둡니다."), ("spec", "type"))


def ingresses(ctx: Context) -> Iterator[Finding]:
    """`exposure.ingress.tls`, `exposure.ingress.snippet`."""
    for res in ctx.targets("Ingress"):
        if not as_list(res.spec.get("tls")):
            yield ctx.report(EXPOSURE_INGRESS_TLS, res, Text(
                "the Ingress has no tls section: its hosts are served over plain HTTP, where "
                "passwords and cookies travel readable. Add spec.tls with a certificate Secret.",
                "인그레스에 tls 항목이 없습니다. 호스트가 평문 HTTP로 제공되어 비밀번호와 쿠키가 읽히는 "
                "채로 오갑니다. 인증서 시크릿과 함께 spec.tls를 추가합니다."), ("spec", "tls"))
        annotations = as_mapping(as_mapping(res.manifest.get("metadata")).get("annotations"))
        for key in SNIPPETS:
            if key in annotations:
                yield ctx.report(EXPOSURE_INGRESS_SNIPPET, res, Text(
                    f"annotation {key} injects raw NGINX configuration: anyone who can edit "
                    "Ingresses can read the controller's secrets (CVE-2021-25742). Use the "
                    "controller's dedicated annotations instead.",
                    f"어노테이션 {key}: NGINX 설정을 그대로 주입합니다. 인그레스를 고칠 수 있는 누구나 "
                    "컨트롤러의 시크릿을 읽을 수 있습니다(CVE-2021-25742). 컨트롤러의 전용 어노테이션을 "
                    "씁니다."), ("metadata", "annotations", key))


DECLARED: tuple[Declared, ...] = (
    Declared(IMAGE_TAG_UNPINNED, W, "An image with the tag latest or no tag (a digest counts "
             "as pinned).", "이미지 태그가 latest이거나 없습니다(다이제스트는 고정으로 칩니다).",
             "An unpinned image changes under you: nodes can run different builds and a "
             "rollback does not bring the old code back.",
             "고정하지 않은 이미지는 모르는 사이 바뀝니다. 노드마다 다른 빌드를 실행할 수 있고 롤백해도 "
             "예전 코드가 돌아오지 않습니다.",
             DOCS + "concepts/containers/images/#image-names", images),
    Declared(EXPOSURE_SERVICE_EXTERNAL, INFO, "A Service of type NodePort or LoadBalancer.",
             "NodePort나 LoadBalancer 타입의 서비스입니다.",
             "These types open the Service outside the cluster; each one is an entry point to "
             "review.", "이 타입은 서비스를 클러스터 밖으로 엽니다. 하나하나가 검토할 진입점입니다.",
             DOCS + "concepts/services-networking/service/#publishing-services-service-types",
             services),
    Declared(EXPOSURE_INGRESS_TLS, W, "An Ingress without TLS.",
             "TLS가 없는 인그레스입니다.",
             "Without tls the Ingress serves plain HTTP; credentials and cookies cross the "
             "network readable.",
             "tls가 없으면 인그레스가 평문 HTTP로 제공해 자격 증명과 쿠키가 읽히는 채로 네트워크를 지납니다.",
             DOCS + "concepts/services-networking/ingress/#tls", ingresses),
    Declared(EXPOSURE_INGRESS_SNIPPET, W,
             "An NGINX Ingress configuration-snippet (or server/auth/stream snippet) annotation.",
             "NGINX 인그레스의 configuration-snippet(또는 server/auth/stream snippet) 어노테이션입니다.",
             "Snippets inject raw NGINX configuration; CVE-2021-25742 showed they let Ingress "
             "authors read the controller's service account token and every Secret it sees.",
             "스니펫은 NGINX 설정을 그대로 주입합니다. CVE-2021-25742에서 보듯 인그레스 작성자가 "
             "컨트롤러의 서비스어카운트 토큰과 컨트롤러가 보는 모든 시크릿을 읽을 수 있습니다.",
             DOCS + "concepts/services-networking/ingress-controllers/", ingresses),
)
