"""Explanations of the validator's rules: data only, read by `kubecanvas.teaching.explain`.

Each rule's one-line "what" in English is the registry's own summary; `RULE_KO` (in
`explain_rules_ko`) holds the same in Korean. What a family of rules means at run time and where the documentation is live in
`FAMILIES`, matched by the longest rule-id prefix. Severity says why it matters (see `explain`).
A test holds every registered rule to having an entry here.
"""

from __future__ import annotations

DOCS = "https://kubernetes.io/docs/"

#: (rule-id prefix, documentation URL, at run time (en), at run time (ko)).
FAMILIES: tuple[tuple[str, str, str, str], ...] = (
    ("api.", DOCS + "reference/using-api/deprecation-guide/",
     "The API server only accepts objects written in an apiVersion it serves; removed versions "
     "are refused outright.",
     "API 서버는 자신이 제공하는 apiVersion으로 쓴 오브젝트만 받습니다. 제거된 버전은 바로 거부됩니다."),
    ("schema.", DOCS + "reference/using-api/api-concepts/#field-validation",
     "The API server checks every object against the kind's OpenAPI schema; kubectl apply uses "
     "strict field validation, so unknown or mistyped fields are rejected.",
     "API 서버는 모든 오브젝트를 그 종류의 OpenAPI 스키마로 검사합니다. kubectl apply는 엄격한 필드 검증을 "
     "쓰므로 모르는 필드나 타입이 틀린 필드는 거부됩니다."),
    ("meta.labels", DOCS + "concepts/overview/working-with-objects/labels/",
     "Labels are what selectors match; the API server refuses keys and values outside the label "
     "syntax.",
     "레이블은 셀렉터가 맞춰 보는 대상입니다. API 서버는 레이블 문법에 맞지 않는 키와 값을 거부합니다."),
    ("meta.annotations", DOCS + "concepts/overview/working-with-objects/annotations/",
     "Annotations carry non-identifying data for tools; their keys follow the label-key syntax "
     "and their total size is limited.",
     "어노테이션은 도구를 위한 식별용이 아닌 데이터를 담습니다. 키는 레이블 키 문법을 따르고 전체 크기가 "
     "제한됩니다."),
    ("meta.", DOCS + "concepts/overview/working-with-objects/names/",
     "Names and namespaces identify objects and end up in DNS names and hostnames, so the API "
     "server enforces their format.",
     "이름과 네임스페이스는 오브젝트를 식별하고 DNS 이름과 호스트 이름에도 쓰이므로 API 서버가 형식을 "
     "강제합니다."),
    ("sts.", DOCS + "concepts/workloads/controllers/statefulset/",
     "The StatefulSet controller adds a revision label to every pod; a long name makes that "
     "label value too long, so pod creation fails.",
     "스테이트풀셋 컨트롤러는 모든 파드에 리비전 레이블을 붙이는데, 이름이 길면 그 레이블 값이 너무 길어져 "
     "파드 생성이 실패합니다."),
    ("cron.", DOCS + "concepts/workloads/controllers/cron-jobs/",
     "The CronJob controller creates a Job, named after the CronJob plus a timestamp, each time "
     "the schedule fires, in spec.timeZone or the controller's own time zone.",
     "크론잡 컨트롤러는 일정이 될 때마다 크론잡 이름에 타임스탬프를 붙인 잡을 만듭니다. 시간대는 "
     "spec.timeZone이나 컨트롤러 자신의 시간대를 따릅니다."),
    ("job.", DOCS + "concepts/workloads/controllers/job/",
     "The Job controller runs pods until enough succeed, retrying failures up to backoffLimit; "
     "it labels the pods with the Job's name and a generated selector.",
     "잡 컨트롤러는 충분한 파드가 성공할 때까지 파드를 실행하고 실패는 backoffLimit까지 다시 시도합니다. "
     "파드에는 잡 이름과 생성된 셀렉터 레이블이 붙습니다."),
    ("sel.", DOCS + "concepts/overview/working-with-objects/labels/#label-selectors",
     "A label selector decides which objects a controller, Service or policy acts on; a "
     "malformed one is rejected.",
     "레이블 셀렉터는 컨트롤러, 서비스, 정책이 어떤 오브젝트에 작용할지 정합니다. 형식이 틀리면 거부됩니다."),
    ("svc.", DOCS + "concepts/services-networking/service/",
     "A Service gets a virtual IP and DNS name, and kube-proxy forwards its ports to the "
     "selected pods; its spec is checked field by field when applied.",
     "서비스는 가상 IP와 DNS 이름을 받고, kube-proxy가 서비스 포트를 선택된 파드로 전달합니다. 적용할 때 "
     "spec을 필드마다 검사합니다."),
    ("service.", DOCS + "concepts/services-networking/service/",
     "The endpoints controller matches the Service's selector against pod labels and resolves "
     "each targetPort on every selected pod.",
     "엔드포인트 컨트롤러가 서비스의 셀렉터를 파드 레이블과 맞춰 보고, 선택된 파드마다 targetPort를 "
     "찾습니다."),
    ("workload.", DOCS + "concepts/workloads/controllers/",
     "A workload controller creates pods from its template and counts as its own every pod its "
     "selector matches.",
     "워크로드 컨트롤러는 템플릿으로 파드를 만들고, 셀렉터와 일치하는 모든 파드를 자기 것으로 셉니다."),
    ("deploy.", DOCS + "concepts/workloads/controllers/deployment/",
     "The Deployment controller rolls pods from the old ReplicaSet to a new one within maxSurge "
     "and maxUnavailable, and reports progress against progressDeadlineSeconds.",
     "디플로이먼트 컨트롤러는 maxSurge와 maxUnavailable 범위 안에서 파드를 옛 레플리카셋에서 새 "
     "레플리카셋으로 옮기고, progressDeadlineSeconds를 기준으로 진행 상황을 알립니다."),
    ("pod.env.fieldRef", DOCS + "concepts/workloads/pods/downward-api/",
     "The kubelet fills Downward API variables from the pod's own fields when the container "
     "starts.",
     "kubelet은 컨테이너가 시작할 때 파드 자신의 필드로 다운워드 API 변수를 채웁니다."),
    ("pod.env.resourceFieldRef", DOCS + "concepts/workloads/pods/downward-api/",
     "The kubelet fills the variable with a container's request or limit, divided by the "
     "divisor and rounded up.",
     "kubelet은 컨테이너의 요청량이나 제한 값을 divisor로 나누고 올림하여 변수에 넣습니다."),
    ("pod.volume.downwardAPI", DOCS + "concepts/workloads/pods/downward-api/",
     "The kubelet writes pod fields into files of the volume and keeps them up to date.",
     "kubelet은 파드 필드를 볼륨의 파일로 쓰고 최신으로 유지합니다."),
    ("wire.pod.resourceFieldRef", DOCS + "concepts/workloads/pods/downward-api/",
     "The kubelet looks up the named container to read its resources.",
     "kubelet은 이름으로 지정한 컨테이너를 찾아 그 리소스 값을 읽습니다."),
    ("pod.env", DOCS + "tasks/inject-data-application/define-environment-variable-container/",
     "The kubelet builds each container's environment when it starts: envFrom first, then env.",
     "kubelet은 컨테이너가 시작할 때 환경을 만듭니다. envFrom을 먼저, 그다음 env를 적용합니다."),
    ("pod.volume", DOCS + "concepts/storage/volumes/",
     "The kubelet sets up every declared volume before the containers start and mounts them by "
     "name.",
     "kubelet은 컨테이너가 시작하기 전에 선언된 모든 볼륨을 준비하고 이름으로 마운트합니다."),
    ("pod.mount", DOCS + "concepts/storage/volumes/",
     "Each volumeMount places a declared volume (or part of it, with subPath) at a path inside "
     "one container.",
     "각 volumeMount는 선언된 볼륨(subPath로 그 일부)을 컨테이너 안의 경로에 놓습니다."),
    ("pod.resources", DOCS + "concepts/configuration/manage-resources-containers/",
     "The scheduler places pods by their requests; the kubelet enforces limits (CPU is "
     "throttled, memory over the limit is OOM-killed).",
     "스케줄러는 요청량으로 파드를 배치하고, kubelet은 제한을 강제합니다(CPU는 조절되고, 제한을 넘는 "
     "메모리는 OOM으로 종료됩니다)."),
    ("pod.probe", DOCS + "concepts/configuration/liveness-readiness-startup-probes/",
     "The kubelet runs probes: a failing liveness probe restarts the container, a failing "
     "readiness probe takes the pod out of Service endpoints.",
     "kubelet이 프로브를 실행합니다. 활성 프로브가 실패하면 컨테이너를 다시 시작하고, 준비성 프로브가 "
     "실패하면 파드를 서비스 엔드포인트에서 뺍니다."),
    ("wire.pod.namedProbePort", DOCS + "concepts/configuration/liveness-readiness-startup-probes/",
     "The kubelet resolves a named probe port among the container's declared ports.",
     "kubelet은 이름으로 쓴 프로브 포트를 컨테이너가 선언한 포트에서 찾습니다."),
    ("pod.initContainer", DOCS + "concepts/workloads/pods/sidecar-containers/",
     "Init containers run to completion before the app starts; with restartPolicy Always one "
     "becomes a sidecar that keeps running beside it.",
     "초기화 컨테이너는 앱이 시작하기 전에 끝까지 실행됩니다. restartPolicy가 Always이면 앱 옆에서 계속 "
     "실행되는 사이드카가 됩니다."),
    ("pod.dnsConfig", DOCS + "concepts/services-networking/dns-pod-service/",
     "The kubelet writes the pod's /etc/resolv.conf from dnsPolicy and dnsConfig.",
     "kubelet은 dnsPolicy와 dnsConfig로 파드의 /etc/resolv.conf를 씁니다."),
    ("pod.tolerations", DOCS + "concepts/scheduling-eviction/taint-and-toleration/",
     "Tolerations let the scheduler place the pod on nodes with matching taints.",
     "톨러레이션이 있어야 스케줄러가 그에 맞는 테인트가 있는 노드에 파드를 놓을 수 있습니다."),
    ("pod.topologySpread", DOCS + "concepts/scheduling-eviction/topology-spread-constraints/",
     "The scheduler spreads matching pods across zones or nodes within maxSkew.",
     "스케줄러는 일치하는 파드를 maxSkew 안에서 영역이나 노드에 고르게 퍼뜨립니다."),
    ("pod.affinity", DOCS + "concepts/scheduling-eviction/assign-pod-node/",
     "The scheduler only places the pod where its node and pod affinity rules allow.",
     "스케줄러는 노드 어피니티와 파드 어피니티 규칙이 허락하는 곳에만 파드를 놓습니다."),
    ("pod.nodeSelector", DOCS + "concepts/scheduling-eviction/assign-pod-node/",
     "The scheduler only places the pod on nodes carrying all the nodeSelector labels.",
     "스케줄러는 nodeSelector 레이블을 모두 가진 노드에만 파드를 놓습니다."),
    ("pod.priorityClass", DOCS + "concepts/scheduling-eviction/pod-priority-preemption/",
     "The scheduler orders and preempts pods by their PriorityClass; a pod naming a class that "
     "does not exist is refused by admission.",
     "스케줄러는 PriorityClass로 파드의 순서를 정하고 선점합니다. 없는 클래스를 가리키는 파드는 승인 단계에서 "
     "거부됩니다."),
    ("pod.runtimeClass", DOCS + "concepts/containers/runtime-class/",
     "The kubelet runs the pod with the container runtime configuration its RuntimeClass names; "
     "a missing class keeps the pod from being admitted.",
     "kubelet은 RuntimeClass가 가리키는 컨테이너 런타임 설정으로 파드를 실행합니다. 클래스가 없으면 파드가 "
     "승인되지 않습니다."),
    ("pod.imagePullSecret", DOCS + "concepts/containers/images/#specifying-imagepullsecrets-on-a-pod",
     "The kubelet reads registry credentials from the named Secret when it pulls the images.",
     "kubelet은 이미지를 받을 때 지정한 시크릿에서 레지스트리 자격 증명을 읽습니다."),
    ("pod.port", DOCS + "concepts/workloads/pods/",
     "Declared container ports document what a container listens on; Services and probes can "
     "refer to them by name, and hostPort opens the port on the node.",
     "선언된 컨테이너 포트는 컨테이너가 듣는 포트를 알려 줍니다. 서비스와 프로브는 이름으로 가리킬 수 있고, "
     "hostPort는 노드에 포트를 엽니다."),
    ("pod.", DOCS + "concepts/workloads/pods/",
     "The API server validates the pod template of every workload when it is applied; the "
     "kubelet then runs the containers as described.",
     "API 서버는 적용할 때 모든 워크로드의 파드 템플릿을 검사하고, kubelet은 그 내용대로 컨테이너를 "
     "실행합니다."),
    ("ingclass.", DOCS + "concepts/services-networking/ingress/#ingress-class",
     "An IngressClass names the controller that serves the Ingresses of that class.",
     "인그레스클래스는 그 클래스의 인그레스를 처리할 컨트롤러를 가리킵니다."),
    ("ingressclass.", DOCS + "concepts/services-networking/ingress/#default-ingress-class",
     "An Ingress without ingressClassName gets the class marked default by admission.",
     "ingressClassName이 없는 인그레스는 승인 단계에서 기본으로 표시된 클래스를 받습니다."),
    ("ing.", DOCS + "concepts/services-networking/ingress/",
     "An Ingress controller turns the rules into routes from hosts and paths to Services; the "
     "API server checks the rules when applied.",
     "인그레스 컨트롤러는 규칙을 호스트와 경로에서 서비스로 가는 경로로 바꿉니다. API 서버는 적용할 때 "
     "규칙을 검사합니다."),
    ("ingress.", DOCS + "concepts/services-networking/ingress/",
     "The Ingress controller forwards matching requests to the backend Service's port and "
     "terminates TLS with the named Secret.",
     "인그레스 컨트롤러는 일치하는 요청을 백엔드 서비스의 포트로 전달하고, 지정한 시크릿으로 TLS를 "
     "종료합니다."),
    ("cm.", DOCS + "concepts/configuration/configmap/",
     "A ConfigMap's keys become environment variables or files in the pods that use it.",
     "컨피그맵의 키는 그것을 쓰는 파드에서 환경 변수나 파일이 됩니다."),
    ("secret.", DOCS + "concepts/configuration/secret/",
     "A Secret's keys become environment variables or files; its data is stored base64-encoded, "
     "not encrypted.",
     "시크릿의 키는 환경 변수나 파일이 됩니다. data는 암호화되지 않고 base64로 인코딩되어 저장됩니다."),
    ("pv.", DOCS + "concepts/storage/persistent-volumes/",
     "A PersistentVolume offers storage of a class, size and access modes that the control plane "
     "binds to one fitting claim.",
     "퍼시스턴트볼륨은 클래스, 크기, 접근 모드를 가진 저장소를 제공하고, 컨트롤 플레인이 조건에 맞는 "
     "클레임 하나에 바인딩합니다."),
    ("pvc.", DOCS + "concepts/storage/persistent-volumes/",
     "A claim is bound to one PersistentVolume that fits it, or to a new one from its "
     "StorageClass; pods mount the claim.",
     "클레임은 조건에 맞는 퍼시스턴트볼륨 하나나 스토리지클래스가 만든 새 볼륨에 바인딩되고, 파드는 "
     "클레임을 마운트합니다."),
    ("ref.key", DOCS + "concepts/configuration/configmap/#using-configmaps-as-files-from-a-pod",
     "The kubelet reads the named key when it starts the container or sets up the volume.",
     "kubelet은 컨테이너를 시작하거나 볼륨을 준비할 때 지정한 키를 읽습니다."),
    ("ref.", DOCS + "concepts/overview/working-with-objects/",
     "References by name are resolved in the cluster at run time; a missing target is only "
     "noticed when a pod or controller needs it.",
     "이름으로 한 참조는 실행 중에 클러스터에서 찾습니다. 대상이 없으면 파드나 컨트롤러가 필요로 할 때에야 "
     "드러납니다."),
    ("statefulset.", DOCS + "concepts/workloads/controllers/statefulset/",
     "The governing headless Service gives each StatefulSet pod its stable DNS name.",
     "관리용 헤드리스 서비스가 스테이트풀셋의 각 파드에 고정 DNS 이름을 줍니다."),
    ("hpa.", DOCS + "concepts/workloads/autoscaling/horizontal-pod-autoscale/",
     "The HorizontalPodAutoscaler sets the target's replicas from observed metrics.",
     "HorizontalPodAutoscaler는 관측한 지표로 대상의 레플리카 수를 정합니다."),
    ("networkpolicy.", DOCS + "concepts/services-networking/network-policies/",
     "The network plugin enforces NetworkPolicies on the pods they select; traffic they do not "
     "allow is dropped.",
     "네트워크 플러그인이 네트워크폴리시를 선택된 파드에 적용하며, 허용되지 않은 트래픽은 버려집니다."),
    ("pdb.", DOCS + "concepts/workloads/pods/disruptions/",
     "A PodDisruptionBudget limits voluntary evictions (node drains) of the pods it selects.",
     "PodDisruptionBudget은 선택한 파드의 자발적 축출(노드 드레인)을 제한합니다."),
    ("servicemonitor.", DOCS + "concepts/extend-kubernetes/api-extension/custom-resources/",
     "The Prometheus Operator turns a ServiceMonitor into scrape targets: the endpoints of the "
     "Services it selects, on the named port.",
     "Prometheus 오퍼레이터는 서비스모니터를 수집 대상으로 바꿉니다. 선택한 서비스의 엔드포인트를 지정한 "
     "포트로 수집합니다."),
    ("resource.", DOCS + "concepts/overview/working-with-objects/",
     "kubectl apply creates or updates each object by kind, namespace and name.",
     "kubectl apply는 종류, 네임스페이스, 이름으로 각 오브젝트를 만들거나 갱신합니다."),
    ("rbac.", DOCS + "reference/access-authn-authz/rbac/",
     "RoleBindings grant a Role's permissions to subjects; the authorizer checks them on every "
     "API request.",
     "롤바인딩은 롤의 권한을 주체에게 줍니다. 인가 모듈은 모든 API 요청에서 이를 확인합니다."),
    ("apply.", DOCS + "tasks/manage-kubernetes-objects/declarative-config/",
     "kubectl apply sends the objects in order; an object whose namespace or type does not "
     "exist yet is refused.",
     "kubectl apply는 오브젝트를 순서대로 보냅니다. 네임스페이스나 타입이 아직 없는 오브젝트는 거부됩니다."),
    ("ds.", DOCS + "concepts/workloads/controllers/daemonset/#rolling-update",
     "The DaemonSet controller replaces its pods node by node during a rolling update, taking "
     "down at most maxUnavailable pods or starting at most maxSurge extra ones at a time.",
     "데몬셋 컨트롤러는 롤링 업데이트 중에 파드를 노드마다 교체하며, 한 번에 최대 maxUnavailable개의 "
     "파드를 내리거나 최대 maxSurge개의 파드를 더 띄웁니다."),
    ("sts.rollingUpdate", DOCS + "concepts/workloads/controllers/statefulset/#rolling-updates",
     "The StatefulSet controller updates pods in reverse ordinal order, only those at or above "
     "the partition, and at most maxUnavailable at a time.",
     "스테이트풀셋 컨트롤러는 파드를 서수의 역순으로, 파티션 이상인 파드만, 한 번에 최대 maxUnavailable개씩 "
     "업데이트합니다."),
    ("sts.updateStrategy", DOCS + "concepts/workloads/controllers/statefulset/#update-strategies",
     "With OnDelete the controller never replaces pods itself; they are recreated from the new "
     "template only when you delete them.",
     "OnDelete에서는 컨트롤러가 파드를 스스로 교체하지 않습니다. 파드를 삭제해야 새 템플릿으로 다시 만들어집니다."),
    ("sts.pvcRetention", DOCS + "concepts/workloads/controllers/statefulset/"
     "#persistentvolumeclaim-retention",
     "The retention policy decides whether the claims made from volumeClaimTemplates are kept "
     "or deleted when the StatefulSet is deleted or scaled down.",
     "보존 정책은 스테이트풀셋을 삭제하거나 축소할 때 volumeClaimTemplates로 만든 클레임을 남길지 지울지 "
     "정합니다."),
    ("sts.counts", DOCS + "concepts/workloads/controllers/statefulset/#start-ordinal",
     "Pods are numbered from ordinals.start; their names and claims carry that number.",
     "파드는 ordinals.start부터 번호가 매겨지고, 파드 이름과 클레임에 그 번호가 붙습니다."),
    ("sts.serviceName", DOCS + "concepts/workloads/controllers/statefulset/#stable-network-id",
     "serviceName becomes each pod's subdomain, so pods are reachable as "
     "<pod>.<serviceName>.<namespace>.svc.",
     "serviceName은 각 파드의 서브도메인이 되어, 파드는 <pod>.<serviceName>.<namespace>.svc로 닿을 수 "
     "있습니다."),
    ("wire.cron", DOCS + "concepts/workloads/controllers/cron-jobs/#schedule-delays",
     "The CronJob controller checks schedules about every 10 seconds; a run that cannot start "
     "within startingDeadlineSeconds is counted as missed.",
     "크론잡 컨트롤러는 약 10초마다 일정을 확인합니다. startingDeadlineSeconds 안에 시작하지 못한 실행은 "
     "놓친 것으로 셉니다."),
    ("ref.key.unused", DOCS + "concepts/configuration/configmap/#using-configmaps",
     "Only the keys a pod names (env key refs, volume items) are read; envFrom and whole-volume "
     "mounts read every key.",
     "파드는 이름으로 지정한 키(환경 변수 키 참조, 볼륨 items)만 읽습니다. envFrom과 볼륨 전체 마운트는 "
     "모든 키를 읽습니다."),
    ("pod.port.duplicate", DOCS + "concepts/services-networking/service/#field-spec-ports",
     "Containers of a pod share one network namespace, so each port can be declared once; the "
     "API server warns about repeats.",
     "파드의 컨테이너들은 네트워크 네임스페이스 하나를 함께 쓰므로 포트는 한 번만 선언할 수 있습니다. API 서버는 "
     "반복을 경고합니다."),
    ("sts.vct", DOCS + "concepts/workloads/controllers/statefulset/#volume-claim-templates",
     "The StatefulSet controller creates one claim per pod from each volumeClaimTemplate, named "
     "<template>-<statefulset>-<ordinal>.",
     "스테이트풀셋 컨트롤러는 volumeClaimTemplate마다 파드당 클레임 하나를 "
     "<template>-<statefulset>-<ordinal> 이름으로 만듭니다."),
    ("wire.svc", DOCS + "concepts/services-networking/service/#services-without-selectors",
     "A Service without a selector gets no endpoints from the control plane; someone must "
     "create Endpoints or EndpointSlices for it.",
     "셀렉터가 없는 서비스는 컨트롤 플레인에서 엔드포인트를 받지 못합니다. 누군가 엔드포인트나 "
     "엔드포인트슬라이스를 만들어야 합니다."),
    ("wire.secret", DOCS + "concepts/configuration/secret/#tls-secrets",
     "Ingress controllers load tls.crt and tls.key as PEM when they configure HTTPS; the API "
     "server does not check their content.",
     "인그레스 컨트롤러는 HTTPS를 구성할 때 tls.crt와 tls.key를 PEM으로 읽습니다. API 서버는 그 내용을 "
     "검사하지 않습니다."),
)

#: Why a family of rules matters, beyond its severity: what the user would see go wrong.
FAMILY_WHY: dict[str, tuple[str, str]] = {
    "api.": ("After a cluster upgrade the same YAML suddenly fails to apply.",
             "클러스터를 업그레이드하면 같은 YAML이 갑자기 적용되지 않습니다."),
    "schema.": ("A misspelled field is not ignored: the whole object is refused.",
                "철자가 틀린 필드는 무시되지 않고 오브젝트 전체가 거부됩니다."),
    "meta.labels": ("Selectors only ever see valid labels.", "셀렉터는 올바른 레이블만 봅니다."),
    "meta.annotations": ("Tools that read the annotation never get it.",
                         "어노테이션을 읽는 도구가 값을 받지 못합니다."),
    "meta.": ("Other objects find this one by its name; a bad name breaks every reference.",
              "다른 오브젝트는 이름으로 이 오브젝트를 찾으므로 이름이 틀리면 모든 참조가 깨집니다."),
    "sts.": ("The StatefulSet exists but never runs a pod.",
             "스테이트풀셋은 있지만 파드를 하나도 실행하지 않습니다."),
    "cron.": ("Scheduled work silently never runs.", "예약된 작업이 조용히 실행되지 않습니다."),
    "job.": ("The batch work does not run, or is retried in ways you did not intend.",
             "일괄 작업이 실행되지 않거나 의도하지 않은 방식으로 재시도됩니다."),
    "sel.": ("A selector decides what a controller owns; a wrong one manages the wrong pods.",
             "셀렉터는 컨트롤러가 무엇을 소유할지 정하므로, 틀리면 엉뚱한 파드를 관리합니다."),
    "svc.": ("Clients cannot reach the application through the Service.",
             "클라이언트가 서비스를 통해 애플리케이션에 닿지 못합니다."),
    "service.": ("Connections to the Service fail or reach the wrong pods.",
                 "서비스로 가는 연결이 실패하거나 엉뚱한 파드에 닿습니다."),
    "workload.": ("Pods are not created, or two controllers fight over the same pods.",
                  "파드가 만들어지지 않거나 두 컨트롤러가 같은 파드를 두고 다툽니다."),
    "deploy.": ("Updates stall or take the application down.",
                "업데이트가 멈추거나 애플리케이션이 중단됩니다."),
    "pod.env.fieldRef": ("The application never learns the fact it asked for.",
                         "애플리케이션이 요청한 정보를 받지 못합니다."),
    "pod.env.resourceFieldRef": ("The application sizes itself from a wrong or missing number.",
                                 "애플리케이션이 틀리거나 없는 값으로 크기를 정합니다."),
    "pod.volume.downwardAPI": ("The file the application reads is never written.",
                               "애플리케이션이 읽을 파일이 만들어지지 않습니다."),
    "wire.pod.resourceFieldRef": ("The value comes from no container at all.",
                                  "값을 가져올 컨테이너가 없습니다."),
    "pod.env": ("The application starts with missing or wrong settings, or not at all.",
                "애플리케이션이 설정이 빠지거나 틀린 채로 시작하거나 아예 시작하지 않습니다."),
    "pod.volume": ("The pod cannot start until its volumes can be set up.",
                   "볼륨을 준비할 수 있을 때까지 파드가 시작하지 않습니다."),
    "pod.mount": ("The container does not see the files it expects.",
                  "컨테이너가 기대한 파일을 보지 못합니다."),
    "pod.resources": ("Pods are scheduled badly, throttled or killed for memory.",
                      "파드가 잘못 배치되거나 느려지거나 메모리 때문에 종료됩니다."),
    "pod.probe": ("Healthy containers get restarted, or broken ones keep receiving traffic.",
                  "정상 컨테이너가 다시 시작되거나, 고장 난 컨테이너가 계속 트래픽을 받습니다."),
    "wire.pod.namedProbePort": ("The probe always fails, so the container is restarted or never "
                                "becomes ready.",
                                "프로브가 늘 실패해서 컨테이너가 재시작되거나 준비 상태가 되지 않습니다."),
    "pod.initContainer": ("The pod never gets past its init phase.",
                          "파드가 초기화 단계를 넘어가지 못합니다."),
    "pod.dnsConfig": ("Name lookups inside the pod fail.", "파드 안에서 이름 조회가 실패합니다."),
    "pod.tolerations": ("The pod lands on the wrong nodes or stays Pending.",
                        "파드가 엉뚱한 노드에 가거나 Pending으로 남습니다."),
    "pod.topologySpread": ("Replicas bunch up in one zone, or stay Pending.",
                           "레플리카가 한 영역에 몰리거나 Pending으로 남습니다."),
    "pod.affinity": ("The pod stays Pending or lands where it should not.",
                     "파드가 Pending으로 남거나 있으면 안 될 곳에 놓입니다."),
    "pod.nodeSelector": ("No node matches, so the pod stays Pending.",
                         "맞는 노드가 없어서 파드가 Pending으로 남습니다."),
    "pod.priorityClass": ("The pod is refused, or runs at a priority you did not intend.",
                          "파드가 거부되거나 의도하지 않은 우선순위로 실행됩니다."),
    "pod.runtimeClass": ("The pod is refused until the RuntimeClass exists.",
                         "RuntimeClass가 생길 때까지 파드가 거부됩니다."),
    "pod.imagePullSecret": ("Private images fail to pull (ImagePullBackOff).",
                            "비공개 이미지를 받지 못합니다(ImagePullBackOff)."),
    "pod.port": ("Services and probes cannot find the port by name.",
                 "서비스와 프로브가 이름으로 포트를 찾지 못합니다."),
    "pod.": ("The pods of this workload are not created as written.",
             "이 워크로드의 파드가 적힌 대로 만들어지지 않습니다."),
    "ingclass.": ("No controller picks up the Ingresses of this class.",
                  "어떤 컨트롤러도 이 클래스의 인그레스를 맡지 않습니다."),
    "ingressclass.": ("New Ingresses get an unpredictable controller, or none.",
                      "새 인그레스가 예측할 수 없는 컨트롤러를 받거나 아무것도 받지 못합니다."),
    "ing.": ("External requests get 404 or never reach the application.",
             "외부 요청이 404를 받거나 애플리케이션에 닿지 못합니다."),
    "ingress.": ("Requests end in 503, or HTTPS shows a wrong certificate.",
                 "요청이 503으로 끝나거나 HTTPS에 엉뚱한 인증서가 보입니다."),
    "cm.": ("The configuration never reaches the pods.", "설정이 파드에 전달되지 않습니다."),
    "secret.": ("Credentials never reach the pods, and base64 protects nothing.",
                "자격 증명이 파드에 전달되지 않으며, base64는 아무것도 보호하지 않습니다."),
    "pv.": ("Claims cannot bind the volume, or bind the wrong data.",
            "클레임이 볼륨에 바인딩되지 못하거나 엉뚱한 데이터에 바인딩됩니다."),
    "pvc.": ("The claim stays Pending, and so do the pods that mount it.",
             "클레임이 Pending으로 남고, 그것을 마운트하는 파드도 그렇습니다."),
    "ref.key": ("The container fails to start (CreateContainerConfigError) unless the key is "
                "optional.",
                "키가 optional이 아니면 컨테이너가 시작하지 않습니다(CreateContainerConfigError)."),
    "ref.": ("Whatever needs the missing object fails when it runs, not when you apply.",
             "없는 오브젝트가 필요한 것은 적용할 때가 아니라 실행할 때 실패합니다."),
    "statefulset.": ("Pods cannot find each other by their stable names.",
                     "파드들이 고정 이름으로 서로를 찾지 못합니다."),
    "hpa.": ("Every apply resets the replica count the autoscaler chose.",
             "적용할 때마다 오토스케일러가 정한 레플리카 수가 초기화됩니다."),
    "networkpolicy.": ("Traffic you meant to allow is dropped, or the policy protects nothing.",
                       "허용하려던 트래픽이 버려지거나 정책이 아무것도 보호하지 않습니다."),
    "pdb.": ("Node drains hang, or the budget protects nothing.",
             "노드 드레인이 멈추거나 예산이 아무것도 보호하지 않습니다."),
    "servicemonitor.": ("Prometheus scrapes nothing, so dashboards and alerts stay empty.",
                        "Prometheus가 아무것도 수집하지 않아 대시보드와 알림이 비어 있습니다."),
    "resource.": ("One object silently replaces another, or clutter hides what matters.",
                  "한 오브젝트가 다른 오브젝트를 조용히 덮어쓰거나, 불필요한 것이 중요한 것을 가립니다."),
    "rbac.": ("The workload is denied the API access it needs.",
              "워크로드가 필요한 API 접근을 거부당합니다."),
    "apply.": ("The first kubectl apply fails part way; a second run is needed.",
               "첫 kubectl apply가 중간에 실패해서 한 번 더 실행해야 합니다."),
    "ds.": ("A rollout of the DaemonSet is refused, so nodes keep running the old pods.",
            "데몬셋 롤아웃이 거부되어 노드들이 예전 파드를 계속 실행합니다."),
    "sts.rollingUpdate": ("Updates reach no pod, or too many pods restart at once.",
                          "업데이트가 어떤 파드에도 닿지 않거나, 너무 많은 파드가 한꺼번에 재시작됩니다."),
    "sts.updateStrategy": ("The StatefulSet is refused until the strategy is consistent.",
                           "전략이 일관될 때까지 스테이트풀셋이 거부됩니다."),
    "sts.pvcRetention": ("Data is kept or deleted against your intent when you scale or delete.",
                         "축소하거나 삭제할 때 데이터가 의도와 다르게 남거나 지워집니다."),
    "sts.counts": ("Pods get numbers you did not plan for, or are not created.",
                   "파드가 계획하지 않은 번호를 받거나 만들어지지 않습니다."),
    "sts.serviceName": ("Pods get no stable DNS names, or are never created.",
                        "파드가 고정 DNS 이름을 받지 못하거나 아예 만들어지지 않습니다."),
    "wire.cron": ("Scheduled runs are skipped without an error.",
                  "예약된 실행이 오류 없이 건너뛰어집니다."),
    "ref.key.unused": ("Unread settings or credentials give a false picture of the "
                       "configuration and widen what can leak.",
                       "읽히지 않는 설정이나 자격 증명은 구성을 잘못 보이게 하고 유출될 수 있는 범위를 넓힙니다."),
    "pod.port.duplicate": ("Two containers expect the same port; one of them cannot listen.",
                           "두 컨테이너가 같은 포트를 기대해서 하나는 포트를 열지 못합니다."),
    "sts.vct": ("The claim cannot be created, so the pod that needs it stays Pending.",
                "클레임을 만들 수 없어서 그것이 필요한 파드가 Pending으로 남습니다."),
    "wire.svc": ("Connections to the Service go nowhere.",
                 "서비스로 가는 연결이 아무 데도 닿지 않습니다."),
    "wire.secret": ("Browsers see the controller's default certificate instead of yours.",
                    "브라우저가 내 인증서 대신 컨트롤러의 기본 인증서를 보게 됩니다."),
}
