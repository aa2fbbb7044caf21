<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Korean texts of the teaching UI. Terms follow the official Korean Kubernetes glossary.
     After editing, rebuild the binary: pyside6-lrelease resources/i18n/kubecanvas_ko.ts -->
<TS version="2.1" language="ko_KR" sourcelanguage="en">
<context>
    <name>Teaching</name>
    <message>
        <source>&amp;Explain Selection</source>
        <translation>선택 항목 설명(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>프레젠테이션 모드(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Teaching</source>
        <translation>학습(&amp;T)</translation>
    </message>
    <message>
        <source>A request, like GET shop.example.com/api</source>
        <translation>요청, 예: GET shop.example.com/api</translation>
    </message>
    <message>
        <source>About this lesson</source>
        <translation>이 레슨에 대해</translation>
    </message>
    <message>
        <source>At run time</source>
        <translation>실행 중에 하는 일</translation>
    </message>
    <message>
        <source>Cannot simulate this yet:</source>
        <translation>아직 시뮬레이션할 수 없습니다:</translation>
    </message>
    <message>
        <source>Choose a lesson above and open it: its diagram opens as a new design and its steps appear here.</source>
        <translation>위에서 레슨을 골라 여십시오. 레슨의 다이어그램이 새 디자인으로 열리고 단계가 여기에 나타납니다.</translation>
    </message>
    <message>
        <source>Claims</source>
        <translation>클레임</translation>
    </message>
    <message>
        <source>Clear Saved Views</source>
        <translation>저장한 뷰 모두 지우기</translation>
    </message>
    <message>
        <source>Cluster network: pod IPs, localhost and policies</source>
        <translation>클러스터 네트워크: 파드 IP, localhost, 네트워크폴리시</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>컨테이너</translation>
    </message>
    <message>
        <source>Containers sharing localhost</source>
        <translation>localhost를 공유하는 컨테이너</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>내용</translation>
    </message>
    <message>
        <source>Creation order</source>
        <translation>생성 순서</translation>
    </message>
    <message>
        <source>DNS name</source>
        <translation>DNS 이름</translation>
    </message>
    <message>
        <source>DNS names</source>
        <translation>DNS 이름</translation>
    </message>
    <message>
        <source>Deletion order</source>
        <translation>삭제 순서</translation>
    </message>
    <message>
        <source>Documentation</source>
        <translation>문서</translation>
    </message>
    <message>
        <source>Environment and files</source>
        <translation>환경 변수와 파일</translation>
    </message>
    <message>
        <source>Environment and files of pod {pod}</source>
        <translation>파드 {pod}의 환경 변수와 파일</translation>
    </message>
    <message>
        <source>Every other PersistentVolume</source>
        <translation>다른 모든 퍼시스턴트볼륨(PersistentVolume)</translation>
    </message>
    <message>
        <source>…and {count} more</source>
        <translation>…외 {count}개 더</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>설명</translation>
    </message>
    <message>
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Follow the request through the Ingress to the pods</source>
        <translation>요청이 인그레스를 지나 파드까지 가는 길을 따라갑니다</translation>
    </message>
    <message>
        <source>From</source>
        <translation>보내는 쪽</translation>
    </message>
    <message>
        <source>Governing Service</source>
        <translation>거버닝 서비스</translation>
    </message>
    <message>
        <source>Hide hint</source>
        <translation>힌트 숨기기</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>힌트</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>호스트</translation>
    </message>
    <message>
        <source>Ingress class</source>
        <translation>인그레스클래스</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>잡</translation>
    </message>
    <message>
        <source>Kubernetes documentation</source>
        <translation>쿠버네티스 문서</translation>
    </message>
    <message>
        <source>Leave Presentation</source>
        <translation>프레젠테이션 끝내기</translation>
    </message>
    <message>
        <source>Add the broken design</source>
        <translation>고장 난 디자인 추가</translation>
    </message>
    <message>
        <source>Right: the simulation agrees.</source>
        <translation>맞습니다. 시뮬레이션 결과도 같습니다.</translation>
    </message>
    <message>
        <source>Not quite. Try again; the simulation shows:</source>
        <translation>아닙니다. 다시 골라 보십시오. 시뮬레이션 결과는 다음과 같습니다.</translation>
    </message>
    <message>
        <source>Control Plane</source>
        <translation>컨트롤 플레인</translation>
    </message>
    <message>
        <source>Control plane</source>
        <translation>컨트롤 플레인</translation>
    </message>
    <message>
        <source>Worker node</source>
        <translation>워커 노드</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>No workload to follow</source>
        <translation>따라갈 워크로드가 없습니다</translation>
    </message>
    <message>
        <source>Add or select a workload to follow kubectl apply through the control plane.</source>
        <translation>워크로드를 추가하거나 선택하면 kubectl apply가 컨트롤 플레인을 지나가는 과정을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>kubectl apply of {kind} {name}, step by step</source>
        <translation>{kind} {name}의 kubectl apply, 단계별 진행</translation>
    </message>
    <message>
        <source>Lesson complete: every step is done.</source>
        <translation>레슨 완료: 모든 단계를 마쳤습니다.</translation>
    </message>
    <message>
        <source>Lesson opened: {title}</source>
        <translation>레슨을 열었습니다: {title}</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>레슨</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>뷰 이름:</translation>
    </message>
    <message>
        <source>New ready</source>
        <translation>새 파드 준비</translation>
    </message>
    <message>
        <source>Next Slide</source>
        <translation>다음 슬라이드</translation>
    </message>
    <message>
        <source>Next five runs</source>
        <translation>다음 다섯 번의 실행</translation>
    </message>
    <message>
        <source>No endpoints.</source>
        <translation>엔드포인트 없음.</translation>
    </message>
    <message>
        <source>No lesson open</source>
        <translation>열린 레슨 없음</translation>
    </message>
    <message>
        <source>No variables.</source>
        <translation>환경 변수 없음.</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>노드</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>참고</translation>
    </message>
    <message>
        <source>Old ready</source>
        <translation>기존 파드 준비</translation>
    </message>
    <message>
        <source>Open Lesson</source>
        <translation>레슨 열기</translation>
    </message>
    <message>
        <source>Open the lesson's diagram as a new untitled design</source>
        <translation>레슨의 다이어그램을 제목 없는 새 디자인으로 엽니다</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>결과</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>경로</translation>
    </message>
    <message>
        <source>Pod</source>
        <translation>파드</translation>
    </message>
    <message>
        <source>Pod DNS names</source>
        <translation>파드 DNS 이름</translation>
    </message>
    <message>
        <source>Pod IPs</source>
        <translation>파드 IP</translation>
    </message>
    <message>
        <source>Pods</source>
        <translation>파드</translation>
    </message>
    <message>
        <source>Port {port} → targetPort {target}</source>
        <translation>포트 {port} → targetPort {target}</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>프레젠테이션</translation>
    </message>
    <message>
        <source>Previous Slide</source>
        <translation>이전 슬라이드</translation>
    </message>
    <message>
        <source>Recreate</source>
        <translation>재생성(Recreate)</translation>
    </message>
    <message>
        <source>ReplicaSet</source>
        <translation>레플리카셋(ReplicaSet)</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>요청</translation>
    </message>
    <message>
        <source>Reveal secrets</source>
        <translation>시크릿 값 보기</translation>
    </message>
    <message>
        <source>Rolling update</source>
        <translation>롤링 업데이트</translation>
    </message>
    <message>
        <source>Save View</source>
        <translation>뷰 저장</translation>
    </message>
    <message>
        <source>Save View for Presentation…</source>
        <translation>프레젠테이션용 뷰 저장…</translation>
    </message>
    <message>
        <source>Select a resource, a wire or a problem to see what it is, what it does at run time and why it matters.</source>
        <translation>리소스, 연결선 또는 문제를 선택하면 그것이 무엇인지, 실행 중에 무엇을 하는지, 왜 중요한지 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>Select a workload, Service, Ingress or claim to see what it does when applied; select nothing to see the cluster network.</source>
        <translation>워크로드, 서비스, 인그레스 또는 클레임을 선택하면 적용했을 때 일어나는 일을 볼 수 있습니다. 아무것도 선택하지 않으면 클러스터 네트워크를 보여 줍니다.</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>서비스</translation>
    </message>
    <message>
        <source>Service ClusterIPs</source>
        <translation>서비스 ClusterIP</translation>
    </message>
    <message>
        <source>Service port</source>
        <translation>서비스 포트</translation>
    </message>
    <message>
        <source>Show Secret values decoded from base64 (masked by default)</source>
        <translation>시크릿 값을 base64에서 디코딩해 보여 줍니다(기본은 가림)</translation>
    </message>
    <message>
        <source>Show on canvas</source>
        <translation>캔버스에 표시</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>시작 중</translation>
    </message>
    <message>
        <source>Step {number}</source>
        <translation>단계 {number}</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS(전송 보안)</translation>
    </message>
    <message>
        <source>The request reaches {count} pods:</source>
        <translation>요청이 파드 {count}개에 도달합니다:</translation>
    </message>
    <message>
        <source>The request stops at: {stage}</source>
        <translation>요청이 멈춘 곳: {stage}</translation>
    </message>
    <message>
        <source>This design has {count} resources: select a workload, Service, Ingress or claim to simulate it.</source>
        <translation>이 디자인에는 리소스가 {count}개 있습니다. 워크로드, 서비스, 인그레스 또는 클레임을 선택하면 시뮬레이션합니다.</translation>
    </message>
    <message>
        <source>This design has {count} resources: too many to simulate the whole cluster network for a NetworkPolicy. Select a workload to simulate its pods; the policy&apos;s findings are in the Problems list.</source>
        <translation>이 디자인에는 리소스가 {count}개 있어, 네트워크폴리시(NetworkPolicy)를 위해 클러스터 네트워크 전체를 시뮬레이션하기에는 너무 많습니다. 워크로드를 선택하면 그 파드를 시뮬레이션합니다. 정책의 문제는 문제 목록에 있습니다.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>To</source>
        <translation>받는 쪽</translation>
    </message>
    <message>
        <source>Traffic reaches no pod.</source>
        <translation>트래픽이 어떤 파드에도 도달하지 않습니다.</translation>
    </message>
    <message>
        <source>Traffic reaches {count} pods.</source>
        <translation>트래픽이 파드 {count}개에 도달합니다.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>타입</translation>
    </message>
    <message>
        <source>Type a request and press Walk to follow it to the pods.</source>
        <translation>요청을 입력하고 따라가기를 누르면 파드까지 따라갑니다.</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>변수</translation>
    </message>
    <message>
        <source>View {number}</source>
        <translation>뷰 {number}</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>볼륨</translation>
    </message>
    <message>
        <source>Walk</source>
        <translation>따라가기</translation>
    </message>
    <message>
        <source>When the claim is deleted</source>
        <translation>클레임을 지우면</translation>
    </message>
    <message>
        <source>Pods over time</source>
        <translation>시간에 따른 파드</translation>
    </message>
    <message>
        <source>What Happens</source>
        <translation>적용하면 일어나는 일</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>무엇인가</translation>
    </message>
    <message>
        <source>What the controller does</source>
        <translation>컨트롤러가 하는 일</translation>
    </message>
    <message>
        <source>When a pod fails</source>
        <translation>파드가 실패하면</translation>
    </message>
    <message>
        <source>Who may talk to whom</source>
        <translation>누가 누구와 통신할 수 있나</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>이유</translation>
    </message>
    <message>
        <source>Why it matters</source>
        <translation>왜 중요한가</translation>
    </message>
    <message>
        <source>a new PersistentVolume is provisioned from the StorageClass</source>
        <translation>스토리지클래스(StorageClass)가 새 퍼시스턴트볼륨(PersistentVolume)을 프로비저닝합니다</translation>
    </message>
    <message>
        <source>bound to an existing PersistentVolume</source>
        <translation>기존 퍼시스턴트볼륨(PersistentVolume)에 바인딩됩니다</translation>
    </message>
    <message>
        <source>container</source>
        <translation>컨테이너</translation>
    </message>
    <message>
        <source>done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>init container</source>
        <translation>초기화 컨테이너</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>조건 일치</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>none (headless)</source>
        <translation>없음(헤드리스)</translation>
    </message>
    <message>
        <source>the cluster's default StorageClass provisions a volume, if the cluster has one</source>
        <translation>클러스터에 기본 스토리지클래스(StorageClass)가 있으면 그 클래스가 볼륨을 프로비저닝합니다</translation>
    </message>
    <message>
        <source>pending: no PersistentVolume fits and none can be provisioned</source>
        <translation>대기(pending): 맞는 퍼시스턴트볼륨(PersistentVolume)이 없고 프로비저닝할 수도 없습니다</translation>
    </message>
    <message>
        <source>the new ReplicaSet is</source>
        <translation>새 레플리카셋은</translation>
    </message>
    <message>
        <source>to do</source>
        <translation>할 일</translation>
    </message>
    <message>
        <source>your turn</source>
        <translation>지금 할 차례</translation>
    </message>
    <message>
        <source>{done} of {total} steps done</source>
        <translation>{total}단계 중 {done}단계 완료</translation>
    </message>
    <message>
        <source>→ next · ← back · Esc leaves presentation</source>
        <translation>→ 다음 · ← 이전 · Esc 프레젠테이션 끝내기</translation>
    </message>
    <message>
        <source>Learner Name…</source>
        <translation>학습자 이름…</translation>
    </message>
    <message>
        <source>Export Progress…</source>
        <translation>진행 상황 내보내기…</translation>
    </message>
    <message>
        <source>Reset My Progress on This Lesson</source>
        <translation>이 레슨의 내 진행 상황 초기화</translation>
    </message>
    <message>
        <source>Open Lesson Folder…</source>
        <translation>레슨 폴더 열기…</translation>
    </message>
    <message>
        <source>Name kept with your progress:</source>
        <translation>진행 상황과 함께 저장할 이름:</translation>
    </message>
    <message>
        <source>Progress as CSV (*.csv);;Progress as JSON (*.json)</source>
        <translation>진행 상황 CSV (*.csv);;진행 상황 JSON (*.json)</translation>
    </message>
    <message>
        <source>Progress exported to {path}</source>
        <translation>진행 상황을 {path}에 내보냈습니다</translation>
    </message>
    <message>
        <source>Progress on this lesson was reset</source>
        <translation>이 레슨의 진행 상황을 초기화했습니다</translation>
    </message>
    <message>
        <source>The lessons have problems:</source>
        <translation>레슨에 문제가 있습니다:</translation>
    </message>
    <message>
        <source>From kubectl apply to running pods</source>
        <translation>kubectl apply부터 실행 중인 파드까지</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>시작하기</translation>
    </message>
    <message>
        <source>Drag a Deployment, a Service and an Ingress from the palette onto the canvas.</source>
        <translation>팔레트에서 디플로이먼트, 서비스, 인그레스를 캔버스로 끌어다 놓습니다.</translation>
    </message>
    <message>
        <source>Drag from a node's round handle to another node to wire them: the Service selects the Deployment's pods, the Ingress routes to the Service.</source>
        <translation>노드의 둥근 손잡이에서 다른 노드로 끌어 연결합니다. 서비스는 디플로이먼트의 파드를 선택하고, 인그레스는 서비스로 라우팅합니다.</translation>
    </message>
    <message>
        <source>Fix what the Problems panel lists, then File → Export YAML gives a file kubectl apply accepts.</source>
        <translation>문제 패널에 나온 것을 고친 다음 파일 → YAML 내보내기를 하면 kubectl apply가 받아들이는 파일이 나옵니다.</translation>
    </message>
    <message>
        <source>This design is empty. Here is what happens once it has resources; to begin:</source>
        <translation>이 디자인은 비어 있습니다. 리소스가 생기면 여기에 일어나는 일이 나옵니다. 시작하려면:</translation>
    </message>
    <message>
        <source>Or open a lesson from the Lessons panel: it explains each step.</source>
        <translation>또는 레슨 패널에서 레슨을 여십시오. 단계마다 설명합니다.</translation>
    </message>
    <message>
        <source>Traffic reaches 1 pod.</source>
        <translation>트래픽이 파드 1개에 도달합니다.</translation>
    </message>
    <message>
        <source>The request reaches 1 pod:</source>
        <translation>요청이 파드 1개에 도달합니다:</translation>
    </message>
    <message>
        <source>({count} endpoint)</source>
        <translation>(엔드포인트 {count}개)</translation>
    </message>
    <message>
        <source>({count} endpoints)</source>
        <translation>(엔드포인트 {count}개)</translation>
    </message>
</context>
</TS>
