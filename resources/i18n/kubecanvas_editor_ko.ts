<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Korean texts of the editor (menus, panels, dialogs, canvas). Terms follow the official
     Korean Kubernetes glossary; kind names keep the English name beside them where YAML
     needs it. Teaching texts are in kubecanvas_ko.ts. After editing, rebuild the binary:
     pyside6-lrelease resources/i18n/kubecanvas_editor_ko.ts -->
<TS version="2.1" language="ko_KR" sourcelanguage="en">
<context>
    <name>ClusterController</name>
    <message>
        <source> (current)</source>
        <translation> (현재)</translation>
    </message>
    <message>
        <source>&amp;Apply to Cluster…</source>
        <translation>클러스터에 적용(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Check Against Cluster (Dry Run)</source>
        <translation>클러스터에 검사하기 (드라이 런)(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>클러스터(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Import Namespace…</source>
        <translation>네임스페이스 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Refresh Contexts</source>
        <translation>컨텍스트 새로 고침(&amp;R)</translation>
    </message>
    <message>
        <source>Another design is shown; check it against the cluster from the Cluster menu.</source>
        <translation>다른 디자인이 열려 있습니다. 클러스터 메뉴에서 그 디자인을 클러스터에 검사하십시오.</translation>
    </message>
    <message>
        <source>Apply Refused</source>
        <translation>적용 거부</translation>
    </message>
    <message>
        <source>Apply to Cluster</source>
        <translation>클러스터에 적용</translation>
    </message>
    <message>
        <source>Apply {count} resources to the cluster of context “{context}”?

This changes the cluster (kubectl apply).</source>
        <translation>리소스 {count}개를 컨텍스트 “{context}”의 클러스터에 적용하시겠습니까?

클러스터가 바뀝니다 (kubectl apply).</translation>
    </message>
    <message>
        <source>Applying {count} resources to context {context}…</source>
        <translation>리소스 {count}개를 컨텍스트 {context}에 적용하는 중…</translation>
    </message>
    <message>
        <source>Asking the cluster about {count} resources (server dry run)…</source>
        <translation>리소스 {count}개를 클러스터에 묻는 중 (서버 드라이 런)…</translation>
    </message>
    <message>
        <source>Cancel &amp;kubectl</source>
        <translation>kubectl 취소(&amp;K)</translation>
    </message>
    <message>
        <source>Cancelled; kubectl was stopped. An apply may have changed part of the cluster: check again to see.</source>
        <translation>취소했습니다. kubectl을 멈췄습니다. 적용이 클러스터 일부를 이미 바꿨을 수 있으니 다시 검사해 확인하십시오.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>Check Against Cluster</source>
        <translation>클러스터에 검사하기</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Import Namespace</source>
        <translation>네임스페이스 가져오기</translation>
    </message>
    <message>
        <source>Import namespace {namespace}</source>
        <translation>네임스페이스 {namespace} 가져오기</translation>
    </message>
    <message>
        <source>Imported {count} resources from namespace {namespace} of context {context}; {left} made by controllers left out.</source>
        <translation>컨텍스트 {context}의 네임스페이스 {namespace}에서 리소스 {count}개를 가져왔습니다. 컨트롤러가 만든 {left}개는 뺐습니다.</translation>
    </message>
    <message>
        <source>Importing namespace {namespace} from context {context}…</source>
        <translation>컨텍스트 {context}에서 네임스페이스 {namespace}를 가져오는 중…</translation>
    </message>
    <message>
        <source>Namespace {namespace} holds no objects of the kinds KubeCanvas knows (or does not exist); nothing was imported.</source>
        <translation>네임스페이스 {namespace}에 KubeCanvas가 아는 종류의 오브젝트가 없습니다(또는 네임스페이스가 없습니다). 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <source>Nothing was applied.</source>
        <translation>아무것도 적용하지 않았습니다.</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <source>Reading the kubectl context…</source>
        <translation>kubectl 컨텍스트를 읽는 중…</translation>
    </message>
    <message>
        <source>Reading the namespaces of the cluster…</source>
        <translation>클러스터의 네임스페이스를 읽는 중…</translation>
    </message>
    <message>
        <source>Secrets imported without their values, which stay in the cluster: {count}.</source>
        <translation>값 없이 가져온 시크릿(값은 클러스터에 남아 있습니다): {count}개.</translation>
    </message>
    <message>
        <source>Send the design to the API server with kubectl apply --dry-run=server; nothing is changed</source>
        <translation>kubectl apply --dry-run=server 로 디자인을 API 서버에 보냅니다. 아무것도 바뀌지 않습니다</translation>
    </message>
    <message>
        <source>That resource is no longer in the design</source>
        <translation>그 리소스는 더 이상 디자인에 없습니다</translation>
    </message>
    <message>
        <source>The design has {count} error findings (see Problems), so the cluster would refuse it; nothing was applied. Fix them first.

Check the design against the cluster instead? A dry run changes nothing.</source>
        <translation>디자인에 오류가 {count}개 있어(문제 패널 참고) 클러스터가 거부할 것이므로 아무것도 적용하지 않았습니다. 먼저 고치십시오.

대신 디자인을 클러스터에 검사하시겠습니까? 드라이 런은 아무것도 바꾸지 않습니다.</translation>
    </message>
    <message>
        <source>The design is empty: there is nothing to apply.</source>
        <translation>디자인이 비어 있습니다: 적용할 것이 없습니다.</translation>
    </message>
    <message>
        <source>The design is empty: there is nothing to check.</source>
        <translation>디자인이 비어 있습니다: 검사할 것이 없습니다.</translation>
    </message>
    <message>
        <source>Use the Current Context</source>
        <translation>현재 컨텍스트 사용</translation>
    </message>
    <message>
        <source>kubectl C&amp;ontext</source>
        <translation>kubectl 컨텍스트(&amp;O)</translation>
    </message>
    <message>
        <source>kubectl context: {context}</source>
        <translation>kubectl 컨텍스트: {context}</translation>
    </message>
    <message>
        <source>kubectl is still running; wait for it or cancel it</source>
        <translation>kubectl이 아직 실행 중입니다. 끝나기를 기다리거나 취소하십시오</translation>
    </message>
    <message>
        <source>kubectl knows no contexts</source>
        <translation>kubectl에 컨텍스트가 없습니다</translation>
    </message>
    <message>
        <source>server ✕</source>
        <translation>서버 거부 ✕</translation>
    </message>
    <message>
        <source>the current context</source>
        <translation>현재 컨텍스트</translation>
    </message>
    <message>
        <source>{count} problems while reading; first: {first}</source>
        <translation>읽는 중 문제 {count}개. 첫 번째: {first}</translation>
    </message>
</context>
<context>
    <name>ClusterPanel</name>
    <message>
        <source>(kubectl)</source>
        <translation>(kubectl 경고)</translation>
    </message>
    <message>
        <source>; kubectl warned {count} time(s)</source>
        <translation>; kubectl 경고 {count}번</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>응답</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Check the design against the cluster of your kubectl context (Cluster menu). Nothing is changed by a check.</source>
        <translation>kubectl 컨텍스트의 클러스터에 디자인을 검사하자 (클러스터 메뉴). 검사는 아무것도 바꾸지 않습니다.</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Context {context} ({mode}): {accepted} accepted, {refused} refused</source>
        <translation>컨텍스트 {context} ({mode}): 수락 {accepted}개, 거부 {refused}개</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>리소스</translation>
    </message>
    <message>
        <source>Server message</source>
        <translation>서버 메시지</translation>
    </message>
    <message>
        <source>The design changed since; check again.</source>
        <translation>그 뒤로 디자인이 바뀌었습니다. 다시 검사하십시오.</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>적용됨</translation>
    </message>
    <message>
        <source>kubectl could not list the namespaces ({detail}); type the name of the one to import.</source>
        <translation>kubectl이 네임스페이스 목록을 가져오지 못했습니다({detail}). 가져올 네임스페이스의 이름을 입력하십시오.</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>거부됨</translation>
    </message>
    <message>
        <source>server dry run</source>
        <translation>서버 드라이 런</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>경고</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <source># Select resources to see their YAML, or tick Whole export</source>
        <translation># 리소스를 선택하면 YAML이 보입니다. 또는 '전체 내보내기'를 체크하십시오</translation>
    </message>
    <message>
        <source># nothing to show</source>
        <translation># 보여 줄 것이 없습니다</translation>
    </message>
    <message>
        <source>&amp;Arrange</source>
        <translation>정렬(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Auto Layout</source>
        <translation>자동 배치(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>어둡게(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Export YAML…</source>
        <translation>YAML 내보내기(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>찾기(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Import YAML…</source>
        <translation>YAML 가져오기(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>밝게(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>패널(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Snap to Grid</source>
        <translation>격자에 맞추기(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>'metadata.name' is missing; every resource needs a name</source>
        <translation>'metadata.name'이 없습니다. 모든 리소스에는 이름이 필요합니다</translation>
    </message>
    <message>
        <source>'{item}': a port is a number, optionally 'name:80' or '80-&gt;8080'</source>
        <translation>'{item}': 포트는 숫자입니다. 'name:80'이나 '80-&gt;8080'처럼 쓸 수도 있습니다</translation>
    </message>
    <message>
        <source>'{item}': write KEY=value, separated by ';'</source>
        <translation>'{item}': KEY=value 로 쓰고 ';'로 구분하십시오</translation>
    </message>
    <message>
        <source>'{item}': write KEY=value, separated by ';' (values are stored base64-encoded in data)</source>
        <translation>'{item}': KEY=value 로 쓰고 ';'로 구분하자 (값은 data에 base64로 인코딩해 저장합니다)</translation>
    </message>
    <message>
        <source>'{item}': write NAME=pvc:claim, NAME=configmap:name, NAME=secret:name, NAME=emptydir, NAME=hostpath:/path or NAME=downwardapi:labels,annotations</source>
        <translation>'{item}': NAME=pvc:claim, NAME=configmap:name, NAME=secret:name, NAME=emptydir, NAME=hostpath:/path 또는 NAME=downwardapi:labels,annotations 로 쓰십시오</translation>
    </message>
    <message>
        <source>'{item}': write NAME=value, NAME=configmap:cm/key, NAME=secret:s/key, NAME=field:metadata.name or NAME=resource:limits.cpu, separated by ';'</source>
        <translation>'{item}': NAME=value, NAME=configmap:cm/key, NAME=secret:s/key, NAME=field:metadata.name 또는 NAME=resource:limits.cpu 로 쓰고 ';'로 구분하십시오</translation>
    </message>
    <message>
        <source>'{item}': write NAME={kind}:object/key</source>
        <translation>'{item}': NAME={kind}:object/key 로 쓰십시오</translation>
    </message>
    <message>
        <source>'{item}': write SECRET: host, host (entries separated by ';')</source>
        <translation>'{item}': SECRET: host, host 로 쓰자 (항목은 ';'로 구분)</translation>
    </message>
    <message>
        <source>'{item}': write a route as /path -&gt; service:port</source>
        <translation>'{item}': 경로는 /path -&gt; service:port 로 쓰십시오</translation>
    </message>
    <message>
        <source>'{item}': write configmap:NAME or secret:NAME (optionally 'PREFIX_ configmap:NAME'), separated by ';'</source>
        <translation>'{item}': configmap:NAME 또는 secret:NAME 으로 쓰고(앞에 'PREFIX_ configmap:NAME'처럼 접두사를 붙일 수 있습니다) ';'로 구분하십시오</translation>
    </message>
    <message>
        <source>'{item}': write volume:/mount/path (add :ro for read-only)</source>
        <translation>'{item}': volume:/mount/path 로 쓰자 (읽기 전용이면 :ro를 붙입니다)</translation>
    </message>
    <message>
        <source>'{key}' is missing; every manifest needs one</source>
        <translation>'{key}' 필드가 없습니다. 모든 매니페스트에 필요합니다</translation>
    </message>
    <message>
        <source>'{part}': write labels as key=value, separated by commas</source>
        <translation>'{part}': 레이블은 key=value 로 쓰고 쉼표로 구분하십시오</translation>
    </message>
    <message>
        <source>'{text}': write http:/path:port, tcp:port, grpc:port or exec:command</source>
        <translation>'{text}': http:/path:port, tcp:port, grpc:port 또는 exec:command 로 쓰십시오</translation>
    </message>
    <message>
        <source>(cluster default)</source>
        <translation>(클러스터 기본값)</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(이름 없음)</translation>
    </message>
    <message>
        <source>({count} at a time)</source>
        <translation>(한 번에 {count}개)</translation>
    </message>
    <message>
        <source>+{count} more, up to {last}</source>
        <translation>+{count}개 더, {last}까지</translation>
    </message>
    <message>
        <source>&lt;span style='color:{colour}'&gt;✓ valid&lt;/span&gt; — Apply (Ctrl+Return) to change the resource</source>
        <translation>&lt;span style='color:{colour}'&gt;✓ 올바름&lt;/span&gt; — 적용(Ctrl+Return)하면 리소스가 바뀝니다</translation>
    </message>
    <message>
        <source>A resource needs a name.</source>
        <translation>리소스에는 이름이 필요합니다.</translation>
    </message>
    <message>
        <source>Access modes</source>
        <translation>접근 모드</translation>
    </message>
    <message>
        <source>All files ({pattern})</source>
        <translation>모든 파일 ({pattern})</translation>
    </message>
    <message>
        <source>Applied: {fix}</source>
        <translation>적용함: {fix}</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>적용</translation>
    </message>
    <message>
        <source>Apply fix</source>
        <translation>고치기 적용</translation>
    </message>
    <message>
        <source>Apply the edited manifest (Ctrl+Return)</source>
        <translation>편집한 매니페스트를 적용합니다 (Ctrl+Return)</translation>
    </message>
    <message>
        <source>Backoff limit</source>
        <translation>백오프 한도</translation>
    </message>
    <message>
        <source>CPU limit</source>
        <translation>CPU 제한</translation>
    </message>
    <message>
        <source>CPU request</source>
        <translation>CPU 요청</translation>
    </message>
    <message>
        <source>CSI driver</source>
        <translation>CSI 드라이버</translation>
    </message>
    <message>
        <source>CSI volume</source>
        <translation>CSI 볼륨</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>열 수 없음</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>복구할 수 없음</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>용량</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>Clear Recent</source>
        <translation>최근 목록 지우기</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Completions</source>
        <translation>완료 수</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>동시 실행 정책</translation>
    </message>
    <message>
        <source>Config</source>
        <translation>구성</translation>
    </message>
    <message>
        <source>ConfigMap</source>
        <translation>컨피그맵</translation>
    </message>
    <message>
        <source>Container ports</source>
        <translation>컨테이너 포트</translation>
    </message>
    <message>
        <source>CronJob</source>
        <translation>크론잡</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>잘라내기(&amp;T)</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>복제(&amp;U)</translation>
    </message>
    <message>
        <source>DaemonSet</source>
        <translation>데몬셋</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Delete resources</source>
        <translation>리소스 삭제</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>디플로이먼트</translation>
    </message>
    <message>
        <source>Drag onto the canvas to add a {kind}</source>
        <translation>캔버스로 끌어다 놓아 추가합니다: {kind}</translation>
    </message>
    <message>
        <source>Drag the round handle (or Alt+drag) to wire it to another resource</source>
        <translation>둥근 손잡이를 끌면(또는 Alt+끌기) 다른 리소스와 연결합니다</translation>
    </message>
    <message>
        <source>Drop on a resource to wire it</source>
        <translation>리소스 위에 놓으면 연결합니다</translation>
    </message>
    <message>
        <source>Edit YAML of {resource}</source>
        <translation>{resource}의 YAML 편집</translation>
    </message>
    <message>
        <source>Enter to rename (references are updated too), Escape to cancel</source>
        <translation>Enter: 이름 바꾸기 (참조도 함께 바뀝니다), Escape: 취소</translation>
    </message>
    <message>
        <source>Env</source>
        <translation>환경 변수</translation>
    </message>
    <message>
        <source>Env from</source>
        <translation>환경 변수 출처</translation>
    </message>
    <message>
        <source>Export &amp;Selection as Image…</source>
        <translation>선택 항목을 이미지로 내보내기(&amp;S)…</translation>
    </message>
    <message>
        <source>Export I&amp;mage…</source>
        <translation>이미지 내보내기(&amp;M)…</translation>
    </message>
    <message>
        <source>Export Image</source>
        <translation>이미지 내보내기</translation>
    </message>
    <message>
        <source>Export Selection as Image</source>
        <translation>선택 항목을 이미지로 내보내기</translation>
    </message>
    <message>
        <source>Export YAML</source>
        <translation>YAML 내보내기</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <source>Export only the selected resources as PNG, SVG or PDF</source>
        <translation>선택한 리소스만 PNG, SVG, PDF로 내보냅니다</translation>
    </message>
    <message>
        <source>Export the diagram (or the selection) as PNG, SVG or PDF</source>
        <translation>다이어그램(또는 선택 항목)을 PNG, SVG, PDF로 내보냅니다</translation>
    </message>
    <message>
        <source>Export {format}…</source>
        <translation>{format} 내보내기…</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>필드</translation>
    </message>
    <message>
        <source>Filter kinds</source>
        <translation>종류 거르기</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>고치기</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>시스템 설정 따르기(&amp;S)</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>양식</translation>
    </message>
    <message>
        <source>Hide Replicas</source>
        <translation>레플리카 숨기기</translation>
    </message>
    <message>
        <source>HorizontalPodAutoscaler</source>
        <translation>수평 파드 오토스케일러</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>호스트</translation>
    </message>
    <message>
        <source>Host path</source>
        <translation>호스트 경로</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>Import YAML</source>
        <translation>YAML 가져오기</translation>
    </message>
    <message>
        <source>Ingress</source>
        <translation>인그레스</translation>
    </message>
    <message>
        <source>IngressClass</source>
        <translation>인그레스클래스</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>속성</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>잡</translation>
    </message>
    <message>
        <source>KEY=value; (stored base64-encoded)</source>
        <translation>KEY=value; (base64로 인코딩해 저장)</translation>
    </message>
    <message>
        <source>KubeCanvas closed without saving changes to {title}. Restore them?</source>
        <translation>KubeCanvas가 {title}의 변경 사항을 저장하지 않고 종료되었습니다. 복구하시겠습니까?</translation>
    </message>
    <message>
        <source>KubeCanvas project ({pattern})</source>
        <translation>KubeCanvas 프로젝트 ({pattern})</translation>
    </message>
    <message>
        <source>Kubernetes YAML ({pattern})</source>
        <translation>쿠버네티스 YAML ({pattern})</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>Lay out by traffic: Ingress → Service → workloads → claims</source>
        <translation>트래픽 순서로 배치: 인그레스 → 서비스 → 워크로드 → 클레임</translation>
    </message>
    <message>
        <source>Liveness probe</source>
        <translation>활성 프로브</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>기본 도구 모음</translation>
    </message>
    <message>
        <source>Max replicas</source>
        <translation>최대 레플리카</translation>
    </message>
    <message>
        <source>Memory limit</source>
        <translation>메모리 제한</translation>
    </message>
    <message>
        <source>Memory request</source>
        <translation>메모리 요청</translation>
    </message>
    <message>
        <source>Mermaid Diagram</source>
        <translation>Mermaid 다이어그램</translation>
    </message>
    <message>
        <source>Graphviz DOT</source>
        <translation>Graphviz DOT 그래프</translation>
    </message>
    <message>
        <source>D2 Diagram</source>
        <translation>D2 다이어그램</translation>
    </message>
    <message>
        <source>Min replicas</source>
        <translation>최소 레플리카</translation>
    </message>
    <message>
        <source>Missing: {kind} {name} is referred to but not defined</source>
        <translation>없음: {kind} {name} (참조되지만 정의되지 않았습니다)</translation>
    </message>
    <message>
        <source>Mount path</source>
        <translation>마운트 경로</translation>
    </message>
    <message>
        <source>NFS path</source>
        <translation>NFS 경로</translation>
    </message>
    <message>
        <source>NFS server</source>
        <translation>NFS 서버</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>네임스페이스</translation>
    </message>
    <message>
        <source>Namespace {name}: click the title to edit it</source>
        <translation>네임스페이스 {name}: 제목을 클릭하면 편집합니다</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <source>NetworkPolicy</source>
        <translation>네트워크폴리시</translation>
    </message>
    <message>
        <source>No problems: every check passes</source>
        <translation>문제 없음: 모든 검사를 통과했습니다</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>최근 파일 없음</translation>
    </message>
    <message>
        <source>No resources found</source>
        <translation>리소스를 찾지 못했습니다</translation>
    </message>
    <message>
        <source>Nothing imported</source>
        <translation>가져온 것 없음</translation>
    </message>
    <message>
        <source>Nothing was saved. Type the values in, save a project, or export YAML without Secret data.</source>
        <translation>아무것도 저장하지 않았습니다. 값을 입력하거나, 프로젝트로 저장하거나, 시크릿 데이터 없이 YAML을 내보내세요.</translation>
    </message>
    <message>
        <source>Nudge</source>
        <translation>조금 이동</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>폴더 열기(&amp;F)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>Open folder of manifests</source>
        <translation>매니페스트 폴더 열기</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 문서</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 이미지</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>팔레트</translation>
    </message>
    <message>
        <source>Parallelism</source>
        <translation>병렬 수</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>붙여넣기</translation>
    </message>
    <message>
        <source>PersistentVolume</source>
        <translation>퍼시스턴트볼륨</translation>
    </message>
    <message>
        <source>PersistentVolumeClaim</source>
        <translation>퍼시스턴트볼륨클레임</translation>
    </message>
    <message>
        <source>Pod</source>
        <translation>파드</translation>
    </message>
    <message>
        <source>Pod labels</source>
        <translation>파드 레이블</translation>
    </message>
    <message>
        <source>PodDisruptionBudget</source>
        <translation>파드 중단 버짓</translation>
    </message>
    <message>
        <source>Policy and scaling</source>
        <translation>정책과 스케일링</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>포트</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>Readiness probe</source>
        <translation>준비성 프로브</translation>
    </message>
    <message>
        <source>Release to choose one of {count} ways: {actions}</source>
        <translation>놓으면 {count}가지 방법 중 하나를 고릅니다: {actions}</translation>
    </message>
    <message>
        <source>Release: {action}</source>
        <translation>놓으면: {action}</translation>
    </message>
    <message>
        <source>Remove those references too?</source>
        <translation>그 참조도 함께 없애시겠습니까?</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>이름 바꾸기…</translation>
    </message>
    <message>
        <source>ReplicaSet</source>
        <translation>레플리카셋</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>레플리카 수</translation>
    </message>
    <message>
        <source>ReplicationController</source>
        <translation>레플리케이션 컨트롤러</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>리소스</translation>
    </message>
    <message>
        <source>Restart policy</source>
        <translation>재시작 정책</translation>
    </message>
    <message>
        <source>Restore unsaved work</source>
        <translation>저장하지 않은 작업 복구</translation>
    </message>
    <message>
        <source>Restored unsaved changes to {title}</source>
        <translation>{title}의 저장하지 않은 변경 사항을 복구했습니다</translation>
    </message>
    <message>
        <source>Reveal secrets</source>
        <translation>시크릿 값 보기</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>되돌리기</translation>
    </message>
    <message>
        <source>Routes</source>
        <translation>라우트</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG 그림</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>다른 이름으로 저장</translation>
    </message>
    <message>
        <source>Save failed</source>
        <translation>저장 실패</translation>
    </message>
    <message>
        <source>Not everything was saved</source>
        <translation>모두 저장되지는 않았습니다</translation>
    </message>
    <message>
        <source>These files were not written, so your edits to their resources are not saved:</source>
        <translation>다음 파일은 쓰지 않았으므로, 그 리소스에 한 편집은 저장되지 않았습니다:</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %n file(s) could not be written back</source>
        <translation>
            <numerusform>저장되지 않음: 파일 %n개에 되돌려 쓸 수 없습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>Save new resources to</source>
        <translation>새 리소스를 저장할 곳</translation>
    </message>
    <message>
        <source>Save the changes to {title}?</source>
        <translation>{title}의 변경 사항을 저장하시겠습니까?</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>저장함</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>저장함: {path}</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>스케줄</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>시크릿</translation>
    </message>
    <message>
        <source>Secret values are hidden — show them</source>
        <translation>시크릿 값이 숨겨져 있다 — 보기</translation>
    </message>
    <message>
        <source>Secret values are hidden: press 'show them' below</source>
        <translation>시크릿 값이 숨겨져 있습니다: 아래의 '보기'를 누르십시오</translation>
    </message>
    <message>
        <source>Secrets without values</source>
        <translation>값이 없는 시크릿</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>모두 선택(&amp;A)</translation>
    </message>
    <message>
        <source>Select a resource to edit it.&lt;br&gt;&lt;br&gt;Drag kinds from the palette onto the canvas; drag from a node's round handle (or Alt+drag) to another node to wire them; double-click a name to rename.</source>
        <translation>리소스를 선택하면 편집할 수 있습니다.&lt;br&gt;&lt;br&gt;팔레트에서 종류를 캔버스로 끌어다 놓으십시오. 노드의 둥근 손잡이에서(또는 Alt+끌기로) 다른 노드까지 끌면 둘을 연결합니다. 이름을 두 번 클릭하면 이름을 바꿉니다.</translation>
    </message>
    <message>
        <source>Select and press Delete to remove this wiring</source>
        <translation>선택한 뒤 Delete 키를 누르면 이 연결을 없앱니다</translation>
    </message>
    <message>
        <source>Select the resources to export first</source>
        <translation>내보낼 리소스를 먼저 선택하십시오</translation>
    </message>
    <message>
        <source>Selection: {count} of {total}</source>
        <translation>선택: {total}개 중 {count}개</translation>
    </message>
    <message>
        <source>Selector</source>
        <translation>셀렉터</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>서비스</translation>
    </message>
    <message>
        <source>ServiceAccount</source>
        <translation>서비스어카운트</translation>
    </message>
    <message>
        <source>Set {field} of {resource}</source>
        <translation>{resource}의 {field} 설정</translation>
    </message>
    <message>
        <source>Show &amp;Replicas</source>
        <translation>레플리카 보기(&amp;R)</translation>
    </message>
    <message>
        <source>Show Replicas</source>
        <translation>레플리카 보기</translation>
    </message>
    <message>
        <source>Show Secret values (hidden by default; exports always keep them)</source>
        <translation>시크릿 값을 보여 줍니다 (기본은 숨김. 내보내기에는 항상 들어갑니다)</translation>
    </message>
    <message>
        <source>Show every resource, not only the selection</source>
        <translation>선택 항목만이 아니라 모든 리소스를 보여 줍니다</translation>
    </message>
    <message>
        <source>Show the pods each workload runs (web-0, web-1 and their claims)</source>
        <translation>워크로드마다 실행하는 파드를 보여 줍니다 (web-0, web-1과 그 클레임)</translation>
    </message>
    <message>
        <source>Show the values of this Secret, in the form and the YAML</source>
        <translation>이 시크릿의 값을 양식과 YAML에 보여 줍니다</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Some pasted text is not a Kubernetes resource</source>
        <translation>붙여넣은 텍스트 일부는 쿠버네티스 리소스가 아닙니다</translation>
    </message>
    <message>
        <source>StatefulSet</source>
        <translation>스테이트풀셋</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>스토리지</translation>
    </message>
    <message>
        <source>Storage class</source>
        <translation>스토리지클래스</translation>
    </message>
    <message>
        <source>StorageClass</source>
        <translation>스토리지클래스</translation>
    </message>
    <message>
        <source>String data</source>
        <translation>문자열 데이터</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS 설정</translation>
    </message>
    <message>
        <source>The clipboard holds no Kubernetes resources</source>
        <translation>클립보드에 쿠버네티스 리소스가 없습니다</translation>
    </message>
    <message>
        <source>The {type} edge comes from {field} and cannot be removed by a field edit; edit the resource instead</source>
        <translation>{type} 연결은 {field}에서 나오므로 필드 편집으로 없앨 수 없습니다. 리소스를 직접 편집하십시오</translation>
    </message>
    <message>
        <source>These resources refer to what you are deleting:</source>
        <translation>다음 리소스가 삭제하려는 대상을 참조합니다:</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>타입</translation>
    </message>
    <message>
        <source>URL path</source>
        <translation>URL 경로</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>제목 없음</translation>
    </message>
    <message>
        <source>Values left in the cluster: {keys}</source>
        <translation>클러스터에 남은 값: {keys}</translation>
    </message>
    <message>
        <source>Volume mounts</source>
        <translation>볼륨 마운트</translation>
    </message>
    <message>
        <source>Volumes</source>
        <translation>볼륨</translation>
    </message>
    <message>
        <source>Whole export</source>
        <translation>전체 내보내기</translation>
    </message>
    <message>
        <source>Wire</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>Workloads</source>
        <translation>워크로드</translation>
    </message>
    <message>
        <source>Write every Secret without data (for a repository whose Secrets come from a secret manager)?</source>
        <translation>모든 시크릿을 데이터 없이 쓸까요? (시크릿을 시크릿 관리 도구에서 가져오는 저장소용)</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>씀: {path}</translation>
    </message>
    <message>
        <source>YAML</source>
        <translation>YAML 매니페스트</translation>
    </message>
    <message>
        <source>Zoom &amp;100%</source>
        <translation>100% 크기(&amp;1)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>화면에 맞추기(&amp;F)</translation>
    </message>
    <message>
        <source>all pods</source>
        <translation>모든 파드</translation>
    </message>
    <message>
        <source>any host</source>
        <translation>모든 호스트</translation>
    </message>
    <message>
        <source>app=web (must match the pod labels)</source>
        <translation>app=web (파드 레이블과 맞아야 합니다)</translation>
    </message>
    <message>
        <source>binds</source>
        <translation>바인딩</translation>
    </message>
    <message>
        <source>class</source>
        <translation>클래스</translation>
    </message>
    <message>
        <source>creates</source>
        <translation>생성</translation>
    </message>
    <message>
        <source>draw.io Diagram</source>
        <translation>draw.io 다이어그램</translation>
    </message>
    <message>
        <source>env</source>
        <translation>환경 변수</translation>
    </message>
    <message>
        <source>governs</source>
        <translation>관리</translation>
    </message>
    <message>
        <source>headless</source>
        <translation>헤드리스</translation>
    </message>
    <message>
        <source>http:/healthz:8080, tcp:5432 or exec:cat /tmp/ok</source>
        <translation>http:/healthz:8080, tcp:5432 또는 exec:cat /tmp/ok</translation>
    </message>
    <message>
        <source>line {line}, column {column}: </source>
        <translation>{line}행 {column}열: </translation>
    </message>
    <message>
        <source>lowercase-with-dashes</source>
        <translation>소문자와-대시</translation>
    </message>
    <message>
        <source>missing {kind}</source>
        <translation>없는 {kind}</translation>
    </message>
    <message>
        <source>mounts</source>
        <translation>마운트</translation>
    </message>
    <message>
        <source>namespace {name}</source>
        <translation>네임스페이스 {name}</translation>
    </message>
    <message>
        <source>namespace {name} (no Namespace resource in the design)</source>
        <translation>네임스페이스 {name} (디자인에 네임스페이스 리소스가 없음)</translation>
    </message>
    <message>
        <source>no capacity</source>
        <translation>용량 없음</translation>
    </message>
    <message>
        <source>no pods (replicas: 0)</source>
        <translation>파드 없음 (replicas: 0)</translation>
    </message>
    <message>
        <source>no schedule</source>
        <translation>스케줄 없음</translation>
    </message>
    <message>
        <source>no size</source>
        <translation>크기 없음</translation>
    </message>
    <message>
        <source>not defined</source>
        <translation>정의되지 않음</translation>
    </message>
    <message>
        <source>one {pod} per node</source>
        <translation>노드마다 {pod} 하나</translation>
    </message>
    <message>
        <source>owned by</source>
        <translation>소유자</translation>
    </message>
    <message>
        <source>per replica</source>
        <translation>레플리카마다</translation>
    </message>
    <message>
        <source>provided by the cluster</source>
        <translation>클러스터가 제공</translation>
    </message>
    <message>
        <source>Wires</source>
        <translation>연결선</translation>
    </message>
    <message>
        <source>created per replica or provided by the cluster</source>
        <translation>레플리카마다 생성되거나 클러스터가 제공</translation>
    </message>
    <message>
        <source>{kind} {name}: the cluster provides it; it is not defined in these files</source>
        <translation>{kind} {name}: 클러스터가 제공합니다. 이 파일들에는 정의되어 있지 않습니다</translation>
    </message>
    <message>
        <source>pulls</source>
        <translation>이미지 풀</translation>
    </message>
    <message>
        <source>reserves</source>
        <translation>예약</translation>
    </message>
    <message>
        <source>routes</source>
        <translation>라우팅</translation>
    </message>
    <message>
        <source>runs as</source>
        <translation>실행 계정</translation>
    </message>
    <message>
        <source>scales</source>
        <translation>스케일링</translation>
    </message>
    <message>
        <source>selects</source>
        <translation>선택</translation>
    </message>
    <message>
        <source>the diagram is empty: there is nothing to draw</source>
        <translation>다이어그램이 비어 있습니다: 그릴 것이 없습니다</translation>
    </message>
    <message>
        <source>the manifest must be a mapping (apiVersion, kind, metadata ...)</source>
        <translation>매니페스트는 매핑이어야 합니다 (apiVersion, kind, metadata ...)</translation>
    </message>
    <message>
        <source>tls</source>
        <translation>TLS 인증서</translation>
    </message>
    <message>
        <source>{action} {command}</source>
        <translation>{command} {action}</translation>
    </message>
    <message>
        <source>{count} key</source>
        <translation>키 {count}개</translation>
    </message>
    <message>
        <source>{count} keys</source>
        <translation>키 {count}개</translation>
    </message>
    <message>
        <source>{count} replica</source>
        <translation>레플리카 {count}개</translation>
    </message>
    <message>
        <source>{count} replicas</source>
        <translation>레플리카 {count}개</translation>
    </message>
    <message>
        <source>{count} resources</source>
        <translation>리소스 {count}개</translation>
    </message>
    <message>
        <source>{count} resources selected</source>
        <translation>리소스 {count}개 선택됨</translation>
    </message>
    <message>
        <source>{file}: choose a .png, .svg or .pdf file name</source>
        <translation>{file}: .png, .svg, .pdf 파일 이름을 고르십시오</translation>
    </message>
    <message>
        <source>{file}: the PNG could not be written</source>
        <translation>{file}: PNG를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>{file}: the file could not be written</source>
        <translation>{file}: 파일을 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>{kind} (generated)</source>
        <translation>{kind} (자동 생성)</translation>
    </message>
    <message>
        <source>{kind} in {namespace}</source>
        <translation>{namespace} 네임스페이스의 {kind}</translation>
    </message>
    <message>
        <source>{kind} {name}, created by a controller</source>
        <translation>{kind} {name}, 컨트롤러가 만듭니다</translation>
    </message>
    <message>
        <source>{label} must be a whole number, not '{text}'</source>
        <translation>{label}: 정수여야 합니다('{text}' 값은 정수가 아닙니다)</translation>
    </message>
    <message>
        <source>{low}–{high} replicas</source>
        <translation>레플리카 {low}–{high}개</translation>
    </message>
    <message>
        <source>{message}

Rule: {rule}</source>
        <translation>{message}

규칙: {rule}</translation>
    </message>
    <message>
        <source>{name} and {count} more</source>
        <translation>{name} 외 {count}개</translation>
    </message>
    <message>
        <source>{path}: no such file or folder</source>
        <translation>{path}: 그런 파일이나 폴더가 없습니다</translation>
    </message>
    <message>
        <source>{pod} with {claims}</source>
        <translation>{pod}, 클레임 {claims}</translation>
    </message>
    <message>
        <source>Hardening checks</source>
        <translation>하드닝 검사</translation>
    </message>
    <message>
        <source>Security and reliability checks (Pod Security Standards, requests, probes, RBAC), remembered with the project</source>
        <translation>보안과 안정성 검사(파드 시큐리티 스탠다드, 요청량, 프로브, RBAC). 프로젝트와 함께 기억됩니다</translation>
    </message>
    <message>
        <source>Value needed</source>
        <translation>값 입력</translation>
    </message>
    <message>
        <source>Harden {name}</source>
        <translation>{name} 하드닝</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>바뀌는 것</translation>
    </message>
    <message>
        <source>Left to you</source>
        <translation>직접 할 일</translation>
    </message>
    <message>
        <source>Apply Hardening</source>
        <translation>하드닝 적용</translation>
    </message>
    <message>
        <source>Select one workload to harden</source>
        <translation>하드닝할 워크로드를 하나 선택합니다</translation>
    </message>
    <message>
        <source>Nothing to harden: {name} already has every safe fix</source>
        <translation>하드닝할 것이 없습니다. {name}에 안전한 고치기가 모두 적용되어 있습니다</translation>
    </message>
    <message>
        <source>Hardened {name}</source>
        <translation>{name} 하드닝 완료</translation>
    </message>
    <message>
        <source>Harden This Workload…</source>
        <translation>이 워크로드 하드닝…</translation>
    </message>
    <message>
        <source>{secrets}: imported without their values, which stay in the cluster. Written as they are, they would replace those values with empty ones.</source>
        <translation>{secrets}: 값 없이 가져왔고, 값은 클러스터에 남아 있습니다. 이대로 쓰면 클러스터의 값이 빈 값으로 바뀝니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>오류 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>경고 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>참고 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Whole export: %n resource(s)</source>
        <translation>
            <numerusform>전체 내보내기: 리소스 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n resource(s)</source>
        <translation>
            <numerusform>리소스 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n wire(s)</source>
        <translation>
            <numerusform>와 연결 %n개 삭제</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n resource(s)</source>
        <translation>
            <numerusform>리소스 %n개 이동</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n resource(s)</source>
        <translation>
            <numerusform>리소스 %n개 붙여넣기</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n resource(s) to {path}</source>
        <translation>
            <numerusform>리소스 %n개를 {path}에 썼습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n resource(s)</source>
        <translation>
            <numerusform>리소스 %n개 가져오기</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n resource(s)</source>
        <translation>
            <numerusform>리소스 %n개를 가져왔습니다</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s), first: {first}</source>
        <translation>
            <numerusform>문제 %n개, 첫 번째: {first}</numerusform>
        </translation>
    </message>
    <message>
        <source>Drag onto the canvas to add an {kind}</source>
        <translation>캔버스로 끌어다 놓아 추가합니다: {kind}</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Documentation</source>
        <translation>문서(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Report a Problem…</source>
        <translation>문제 보고(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;About KubeCanvas</source>
        <translation>KubeCanvas 정보(&amp;A)</translation>
    </message>
    <message>
        <source>Draw, wire, validate and export Kubernetes applications.</source>
        <translation>쿠버네티스 애플리케이션을 그리고, 연결하고, 검증하고, 내보냅니다.</translation>
    </message>
    <message>
        <source>Licence: {licence}</source>
        <translation>라이선스: {licence}</translation>
    </message>
    <message>
        <source>About KubeCanvas</source>
        <translation>KubeCanvas 정보</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>메뉴</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>명령</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Filter problems</source>
        <translation>문제 거르기</translation>
    </message>
    <message>
        <source>Group by resource</source>
        <translation>리소스별로 묶기</translation>
    </message>
    <message>
        <source>List each resource's problems together, most severe first; otherwise by severity across the design</source>
        <translation>리소스마다 문제를 모아 심각한 것부터 보여 줍니다. 끄면 디자인 전체를 심각도 순으로 보여 줍니다</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>보기</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) could not be loaded; everything else is on the canvas.</source>
        <translation>
            <numerusform>문서 %n개를 불러오지 못했습니다. 나머지는 모두 캔버스에 있습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation>찾은 근거</translation>
    </message>
    <message>
        <source>No resource matches</source>
        <translation>맞는 리소스가 없습니다</translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s) match '{text}'</source>
        <translation>
            <numerusform>'{text}'에 맞는 리소스 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>테마(&amp;T)</translation>
    </message>
    <message>
        <source>Saving {path}…</source>
        <translation>{path} 저장 중…</translation>
    </message>
    <message>
        <source>{title} (saving…)</source>
        <translation>{title} (저장 중…)</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Value or source</source>
        <translation>값 또는 출처</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <source>Target port</source>
        <translation>대상 포트</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>제거</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>위로</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>아래로</translation>
    </message>
    <message>
        <source>Edit {field}</source>
        <translation>{field} 편집</translation>
    </message>
    <message>
        <source>One-line form: {example}</source>
        <translation>한 줄 형식: {example}</translation>
    </message>
    <message>
        <source>Edit as a table</source>
        <translation>표로 편집</translation>
    </message>
    <message>
        <source>Find: name, app=web, kind:Service, ns:shop</source>
        <translation>찾기: 이름, app=web, kind:서비스, ns:shop</translation>
    </message>
    <message>
        <source>Finds resources as you type, by part of a name, a label (app=web), a kind (kind:Service, or the word service) or a namespace (ns:shop); every term must match</source>
        <translation>입력하는 대로 리소스를 찾습니다. 이름의 일부, 레이블(app=web), 종류(kind:Service 또는 서비스), 네임스페이스(ns:shop)로 찾으며, 모든 조건에 맞는 리소스만 보입니다</translation>
    </message>
    <message>
        <source>&amp;Claims per Replica</source>
        <translation>레플리카마다 클레임 보기(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Legend</source>
        <translation>범례(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Overview When Zoomed Out</source>
        <translation>축소하면 개요로 보기(&amp;O)</translation>
    </message>
    <message>
        <source>Claim template {name} of {kind} {owner}: one {claim} per replica ({claims}); View &gt; Claims per Replica draws each</source>
        <translation>{kind} {owner}의 클레임 템플릿 {name}: 레플리카마다 {claim}이 하나씩 생깁니다({claims}). 보기 &gt; 레플리카마다 클레임 보기를 켜면 하나씩 그립니다</translation>
    </message>
    <message>
        <source>Far out, draw each application as one tile and bundle its wires</source>
        <translation>멀리서 볼 때 애플리케이션마다 타일 하나로 그리고 연결선을 묶습니다</translation>
    </message>
    <message>
        <source>One card per claim a StatefulSet creates, instead of one per claim template</source>
        <translation>클레임 템플릿마다 카드 하나 대신, 스테이트풀셋이 만드는 클레임마다 카드 하나를 그립니다</translation>
    </message>
    <message>
        <source>Show which wire colour means what</source>
        <translation>연결선 색이 무엇을 뜻하는지 보여 줍니다</translation>
    </message>
    <message>
        <source>role</source>
        <translation>역할</translation>
    </message>
    <message>
        <source>subject</source>
        <translation>주체</translation>
    </message>
    <message>
        <source>traffic</source>
        <translation>트래픽</translation>
    </message>
    <message>
        <source>refers to</source>
        <translation>참조</translation>
    </message>
    <message>
        <source>drawn per block</source>
        <translation>블록마다 표시</translation>
    </message>
    <message>
        <source>template: one per replica</source>
        <translation>템플릿: 레플리카마다 하나</translation>
    </message>
    <message>
        <source>{kind} {name}: a cluster object defined in these files, drawn again in each block that uses it; selecting one outlines the others</source>
        <translation>{kind} {name}: 이 파일들에 정의된 클러스터 오브젝트로, 사용하는 블록마다 다시 그립니다. 하나를 선택하면 나머지에 테두리가 표시됩니다</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s), the worst an error</source>
        <translation>
            <numerusform>발견 사항 %n개, 가장 심각한 것은 오류</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s), the worst a warning</source>
        <translation>
            <numerusform>발견 사항 %n개, 가장 심각한 것은 경고</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s), all advice</source>
        <translation>
            <numerusform>발견 사항 %n개, 모두 권고</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s)</source>
        <translation>
            <numerusform>리소스 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n wire(s) between these blocks</source>
        <translation>
            <numerusform>이 블록들 사이의 연결선 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} · %n resource(s)</source>
        <translation>
            <numerusform>{name} · 리소스 %n개</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>문제 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>The design as a whole</source>
        <translation>디자인 전체</translation>
    </message>
    <message>
        <source>La&amp;yers</source>
        <translation>레이어(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Wiring</source>
        <translation>연결(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;RBAC Permissions</source>
        <translation>RBAC 권한(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Network Traffic</source>
        <translation>네트워크 트래픽(&amp;N)</translation>
    </message>
    <message>
        <source>Routes, selectors, mounts, env and the other references the manifests make</source>
        <translation>매니페스트가 만드는 라우트, 셀렉터, 마운트, 환경 변수 등의 참조</translation>
    </message>
    <message>
        <source>RoleBinding and ClusterRoleBinding: the role each grants and the ServiceAccounts it grants it to</source>
        <translation>롤바인딩(RoleBinding)과 클러스터롤바인딩(ClusterRoleBinding): 각 바인딩이 부여하는 롤과 그 롤을 받는 서비스어카운트</translation>
    </message>
    <message>
        <source>NetworkPolicy: which workloads (or outside peers) may connect to which, on which ports</source>
        <translation>네트워크폴리시(NetworkPolicy): 어떤 워크로드(또는 외부 피어)가 어느 워크로드에 어떤 포트로 연결할 수 있는지</translation>
    </message>
    <message>
        <source>grants role</source>
        <translation>롤 부여</translation>
    </message>
    <message>
        <source>role subject</source>
        <translation>롤 주체</translation>
    </message>
    <message>
        <source>Rights of {kind} {name}:</source>
        <translation>{kind} {name}의 권한:</translation>
    </message>
    <message>
        <source>(no resources)</source>
        <translation>(리소스 없음)</translation>
    </message>
    <message>
        <source>(no verbs)</source>
        <translation>(동사 없음)</translation>
    </message>
    <message>
        <source>aggregated from other ClusterRoles</source>
        <translation>다른 클러스터롤(ClusterRole)의 규칙을 모은 것</translation>
    </message>
    <message>
        <source>(no rules: it allows nothing)</source>
        <translation>(규칙 없음: 아무것도 허용하지 않음)</translation>
    </message>
    <message>
        <source>{kind} {name}: the cluster provides it; its rules are not in these files</source>
        <translation>{kind} {name}: 클러스터가 제공하므로 규칙이 이 파일들에 없습니다</translation>
    </message>
    <message>
        <source>{kind} {name} is not defined in these files: its rules are not known</source>
        <translation>{kind} {name}: 이 파일들에 정의되어 있지 않아 규칙을 알 수 없습니다</translation>
    </message>
    <message>
        <source>may connect</source>
        <translation>연결 허용</translation>
    </message>
    <message>
        <source>outside the design</source>
        <translation>설계 바깥</translation>
    </message>
    <message>
        <source>{kind} {name}: a network peer outside these files</source>
        <translation>{kind} {name}: 이 파일들 바깥의 네트워크 피어</translation>
    </message>
    <message>
        <source>network peer outside the design</source>
        <translation>설계 바깥의 네트워크 피어</translation>
    </message>
</context>
<context>
    <name>ImportNamespaceDialog</name>
    <message>
        <source>&amp;Add to the current design (one undo step)</source>
        <translation>현재 디자인에 추가 (한 번에 실행 취소)(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Namespace:</source>
        <translation>네임스페이스(&amp;N):</translation>
    </message>
    <message>
        <source>Import Namespace</source>
        <translation>네임스페이스 가져오기</translation>
    </message>
    <message>
        <source>Include the values of &amp;Secrets</source>
        <translation>시크릿 값 포함(&amp;S)</translation>
    </message>
    <message>
        <source>Off: Secrets are imported with their keys and type, their values stay in the cluster. On: the values are stored in the design, where anyone who can read the file can read them.</source>
        <translation>끄면: 시크릿은 키와 타입만 가져오고, 값은 클러스터에 남습니다. 켜면: 값이 디자인에 저장되어, 파일을 읽을 수 있는 사람은 누구나 값을 읽을 수 있습니다.</translation>
    </message>
    <message>
        <source>Open as a new &amp;untitled design</source>
        <translation>제목 없는 새 디자인으로 열기(&amp;U)</translation>
    </message>
    <message>
        <source>Read the objects of one namespace of context {context} with kubectl get. Cluster-managed fields and objects made by controllers are left out.</source>
        <translation>kubectl get으로 컨텍스트 {context}의 네임스페이스 하나에 있는 오브젝트를 읽습니다. 클러스터가 관리하는 필드와 컨트롤러가 만든 오브젝트는 뺍니다.</translation>
    </message>
</context>
</TS>
