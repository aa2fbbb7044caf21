"""Explanations of the wiring graph's edge types: data only, read by
`kubecanvas.teaching.explain.explain_edge`.

One entry per `EdgeType`: a title, what the edge means, what it does at run time and why it
matters, in English and Korean, with the kubernetes.io page (relative to the documentation root)
to read next. A test holds every edge type to having an entry here.
"""

from __future__ import annotations

from kubecanvas.model.references import EdgeType

# edge type: (title, title_ko, url, what, what_ko, runtime, runtime_ko, why, why_ko)
EDGES: dict[str, tuple[str, str, str, str, str, str, str, str, str]] = {
    EdgeType.SELECTS: (
        "selects", "선택", "concepts/overview/working-with-objects/labels/",
        "A label selector (Service, NetworkPolicy, PodDisruptionBudget) matches this workload's "
        "pod labels.", "레이블 셀렉터(서비스, 네트워크폴리시, PodDisruptionBudget)가 이 워크로드의 파드 "
        "레이블과 일치합니다.",
        "Every pod created from the template is selected, whatever its name.",
        "템플릿으로 만든 모든 파드가 이름과 상관없이 선택됩니다.",
        "Labels, not names, connect them: change a label and the connection is gone.",
        "이름이 아니라 레이블이 연결합니다. 레이블을 바꾸면 연결이 끊깁니다."),
    EdgeType.TEMPLATE: (
        "owns its pods", "자기 파드 소유", "concepts/workloads/controllers/deployment/",
        "The workload's selector matches its own pod template.",
        "워크로드의 셀렉터가 자기 파드 템플릿과 일치합니다.",
        "The controller counts the pods it creates as its own.",
        "컨트롤러가 자기가 만든 파드를 자기 것으로 셉니다.",
        "Without it the API server rejects the workload.", "이것이 없으면 API 서버가 워크로드를 거부합니다."),
    EdgeType.ROUTES: (
        "routes", "라우팅", "concepts/services-networking/ingress/",
        "An Ingress rule (or its default backend) sends requests to this Service port.",
        "인그레스 규칙(또는 기본 백엔드)이 요청을 이 서비스 포트로 보냅니다.",
        "The controller forwards matching requests to the Service, which forwards them to pods.",
        "컨트롤러가 일치하는 요청을 서비스로, 서비스는 파드로 전달합니다.",
        "A wrong Service name or port makes the controller answer 503.",
        "서비스 이름이나 포트가 틀리면 컨트롤러가 503을 응답합니다."),
    EdgeType.TLS: (
        "TLS certificate", "TLS 인증서", "concepts/services-networking/ingress/#tls",
        "The Ingress terminates HTTPS with the certificate in this Secret.",
        "인그레스가 이 시크릿의 인증서로 HTTPS를 종료합니다.",
        "The controller loads tls.crt and tls.key and serves them for the listed hosts.",
        "컨트롤러가 tls.crt와 tls.key를 읽어 지정한 호스트에 제공합니다.",
        "A missing or wrong Secret means a default certificate and browser warnings.",
        "시크릿이 없거나 틀리면 기본 인증서가 쓰이고 브라우저가 경고합니다."),
    EdgeType.CLASS: (
        "class", "클래스", "concepts/storage/storage-classes/",
        "The resource asks for this StorageClass or IngressClass.",
        "리소스가 이 스토리지클래스나 인그레스클래스를 요청합니다.",
        "The class's provisioner or controller handles the resource.",
        "클래스의 프로비저너나 컨트롤러가 리소스를 처리합니다.",
        "A class the cluster lacks leaves claims Pending and Ingresses unserved.",
        "클러스터에 없는 클래스면 클레임은 Pending으로, 인그레스는 처리되지 않은 채로 남습니다."),
    EdgeType.MOUNTS: (
        "mounts", "마운트", "concepts/storage/volumes/",
        "The pods mount this claim, ConfigMap or Secret as a volume.",
        "파드가 이 클레임, 컨피그맵, 시크릿을 볼륨으로 마운트합니다.",
        "The kubelet sets up the volume before the containers start.",
        "kubelet이 컨테이너 시작 전에 볼륨을 준비합니다.",
        "A missing ConfigMap or Secret keeps the pod in ContainerCreating on its node; a missing "
        "claim keeps it Pending, unschedulable.",
        "컨피그맵이나 시크릿이 없으면 파드는 노드에서 ContainerCreating 상태로 기다리고, 클레임이 "
        "없으면 스케줄되지 못한 채 Pending 상태로 남습니다."),
    EdgeType.ENV: (
        "environment", "환경 변수", "tasks/inject-data-application/define-environment-variable-container/",
        "The containers read environment variables from this ConfigMap or Secret.",
        "컨테이너가 이 컨피그맵이나 시크릿에서 환경 변수를 읽습니다.",
        "Values are read once, when the container starts.", "값은 컨테이너가 시작할 때 한 번 읽힙니다.",
        "A missing source or key stops the container (unless optional).",
        "출처나 키가 없으면 컨테이너가 시작하지 않습니다(optional이 아니면)."),
    EdgeType.PULLS: (
        "pulls images with", "이미지 받기", "concepts/containers/images/#specifying-imagepullsecrets-on-a-pod",
        "The kubelet uses this Secret's registry credentials to pull images.",
        "kubelet이 이 시크릿의 레지스트리 자격 증명으로 이미지를 받습니다.",
        "It is read on every image pull.", "이미지를 받을 때마다 읽힙니다.",
        "Without it, private images fail with ImagePullBackOff.",
        "없으면 비공개 이미지가 ImagePullBackOff로 실패합니다."),
    EdgeType.RUNS_AS: (
        "runs as", "실행 신원", "concepts/security/service-accounts/",
        "The pods run with this ServiceAccount's identity.", "파드가 이 서비스어카운트의 신원으로 실행됩니다.",
        "Its token is mounted into the pods; RBAC decides what it may do.",
        "토큰이 파드에 마운트되고, RBAC가 할 수 있는 일을 정합니다.",
        "A missing account keeps the pods from being created.",
        "서비스어카운트가 없으면 파드가 만들어지지 않습니다."),
    EdgeType.GOVERNS: (
        "governed by", "관리 서비스", "concepts/workloads/controllers/statefulset/#stable-network-id",
        "The StatefulSet names this Service in spec.serviceName.",
        "스테이트풀셋이 spec.serviceName에 이 서비스를 적었습니다.",
        "When headless, the Service gives each pod a DNS name <pod>.<service>.",
        "헤드리스이면 서비스가 각 파드에 <파드>.<서비스> DNS 이름을 줍니다.",
        "Peers find each other by these stable names.", "동료들이 이 고정 이름으로 서로를 찾습니다."),
    EdgeType.CREATES: (
        "creates", "생성", "concepts/workloads/controllers/statefulset/#volume-claim-templates",
        "A controller creates these objects: a StatefulSet's per-pod claims, a CronJob's Jobs.",
        "컨트롤러가 이 오브젝트를 만듭니다(스테이트풀셋의 파드별 클레임, 크론잡의 잡).",
        "They appear in the cluster without being in your YAML.", "YAML에 없어도 클러스터에 생깁니다.",
        "They outlive changes to the template (claims are kept).",
        "템플릿을 바꿔도 남습니다(클레임은 유지됩니다)."),
    EdgeType.BINDS: (
        "binds", "바인딩", "concepts/storage/persistent-volumes/#binding",
        "The claim is bound to this PersistentVolume.", "클레임이 이 퍼시스턴트볼륨에 바인딩됩니다.",
        "Binding is one to one and lasts until the claim is deleted.",
        "바인딩은 일대일이며 클레임이 지워질 때까지 유지됩니다.",
        "It decides which data the pods see.", "파드가 어떤 데이터를 볼지 정합니다."),
    EdgeType.RESERVES: (
        "reserved for", "예약", "concepts/storage/persistent-volumes/#reserving-a-persistentvolume",
        "The PersistentVolume's claimRef reserves it for this claim.",
        "퍼시스턴트볼륨의 claimRef가 이 클레임을 위해 볼륨을 예약합니다.",
        "No other claim can bind it.", "다른 클레임은 바인딩할 수 없습니다.",
        "It pins existing data to the claim that should get it.",
        "기존 데이터를 받아야 할 클레임에 고정합니다."),
    EdgeType.SCALES: (
        "scales", "스케일링", "concepts/workloads/autoscaling/horizontal-pod-autoscale/",
        "The HorizontalPodAutoscaler sets this workload's replicas.",
        "HorizontalPodAutoscaler가 이 워크로드의 레플리카 수를 정합니다.",
        "It changes replicas as the observed metric moves.", "관측 지표가 바뀌면 레플리카 수를 바꿉니다.",
        "Do not also pin spec.replicas in the workload.", "워크로드에 spec.replicas를 고정하지 않습니다."),
    EdgeType.OWNED_BY: (
        "owned by", "소유자", "concepts/overview/working-with-objects/owners-dependents/",
        "metadata.ownerReferences names this owner.", "metadata.ownerReferences가 이 소유자를 가리킵니다.",
        "The garbage collector deletes the object when its owner is deleted.",
        "소유자가 지워지면 가비지 컬렉터가 오브젝트를 지웁니다.",
        "Hand-written owner references are rare; usually controllers set them.",
        "소유자 참조를 직접 쓰는 일은 드뭅니다. 보통은 컨트롤러가 설정합니다."),
    EdgeType.ROLE_REF: (
        "grants role", "롤 부여", "reference/access-authn-authz/rbac/#rolebinding-and-clusterrolebinding",
        "The binding's roleRef names this Role or ClusterRole: its rules are what the binding "
        "grants.", "바인딩의 roleRef가 이 롤(Role) 또는 클러스터롤(ClusterRole)을 가리킵니다. 바인딩이 주는 "
        "권한은 그 규칙입니다.",
        "The API server allows a subject's request when a bound role's rule covers its verb and "
        "resource.", "바인딩된 롤의 규칙이 요청의 동사와 리소스를 포함하면 API 서버가 주체의 요청을 허용합니다.",
        "roleRef cannot be changed later: a wrong role means deleting the binding.",
        "roleRef는 나중에 바꿀 수 없습니다. 롤이 틀리면 바인딩을 지우고 다시 만들어야 합니다."),
    EdgeType.SUBJECT: (
        "subject", "주체", "reference/access-authn-authz/rbac/#referring-to-subjects",
        "The binding grants its role to this ServiceAccount.",
        "바인딩이 이 서비스어카운트(ServiceAccount)에 롤을 부여합니다.",
        "Pods running as the account may call the API with the role's permissions.",
        "이 어카운트로 실행되는 파드는 롤의 권한으로 API를 호출할 수 있습니다.",
        "It shows which workloads hold which permissions.",
        "어떤 워크로드가 어떤 권한을 갖는지 보여 줍니다."),
    EdgeType.TRAFFIC: (
        "may connect", "연결 허용", "concepts/services-networking/network-policies/",
        "A NetworkPolicy rule allows traffic from this peer to the selected pods (on the ports "
        "shown).", "네트워크폴리시(NetworkPolicy) 규칙이 이 피어에서 선택된 파드로 가는 트래픽을 허용합니다"
        "(표시된 포트).",
        "Once a policy selects a pod, only traffic some rule allows reaches it.",
        "정책이 파드를 선택하면 규칙이 허용한 트래픽만 그 파드에 닿습니다.",
        "It is the picture of who may talk to whom.", "누가 누구와 통신할 수 있는지 보여 줍니다."),
    EdgeType.REFERS: (
        "refers to", "참조", "concepts/extend-kubernetes/api-extension/custom-resources/",
        "A custom resource's field names this object (mapped in the kinds file).",
        "커스텀 리소스의 필드가 이 오브젝트를 가리킵니다(종류 매핑 파일에 정의).",
        "The custom resource's controller reads the object it names.",
        "커스텀 리소스의 컨트롤러가 가리킨 오브젝트를 읽습니다.",
        "A misspelt name leaves the controller waiting for an object that never comes.",
        "이름이 틀리면 컨트롤러가 오지 않을 오브젝트를 계속 기다립니다."),
}
