#include "sim/ScenarioBuilder.h"

#include "sim/ClusterState.h"
#include "sim/Controllers.h"
#include "sim/SimTime.h"

#include <QJsonArray>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

QJsonObject podTemplate(const Workload &w, const QString &image)
{
    QJsonArray containers;
    for (int i = 0; i < w.containers.size(); ++i) {
        const ContainerSpec &c = w.containers.at(i);
        QJsonObject container{
            {u"name"_s, c.name},
            {u"image"_s, i == 0 && !image.isEmpty() ? image : c.image},
            {u"imagePullPolicy"_s, u"IfNotPresent"_s},
            {u"resources"_s,
             QJsonObject{{u"limits"_s, QJsonObject{{u"cpu"_s, c.cpuLimit}, {u"memory"_s, c.memoryLimit}}},
                         {u"requests"_s, QJsonObject{{u"cpu"_s, u"100m"_s}, {u"memory"_s, c.memoryLimit}}}}},
            {u"terminationMessagePath"_s, u"/dev/termination-log"_s},
            {u"terminationMessagePolicy"_s, u"File"_s},
        };
        if (c.port > 0)
            container.insert("ports"_L1, QJsonArray{QJsonObject{{u"containerPort"_s, c.port},
                                                                {u"protocol"_s, u"TCP"_s},
                                                                {u"name"_s, u"http"_s}}});
        containers.append(container);
    }
    return {{u"metadata"_s, QJsonObject{{u"labels"_s, w.labels}}},
            {u"spec"_s, QJsonObject{{u"containers"_s, containers},
                                    {u"restartPolicy"_s, u"Always"_s},
                                    {u"terminationGracePeriodSeconds"_s, 30},
                                    {u"dnsPolicy"_s, u"ClusterFirst"_s},
                                    {u"serviceAccountName"_s, u"default"_s},
                                    {u"schedulerName"_s, u"default-scheduler"_s}}}};
}

} // namespace

void ScenarioBuilder::createNamespace(const QString &name, qint64 createdMs)
{
    if (m_state.get(u"namespaces"_s, {}, name))
        return;
    m_state.create(
        u"namespaces"_s,
        {{u"kind"_s, u"Namespace"_s},
         {u"apiVersion"_s, u"v1"_s},
         {u"metadata"_s, QJsonObject{{u"name"_s, name},
                                     {u"creationTimestamp"_s, SimTime::rfc3339(createdMs)},
                                     {u"labels"_s, QJsonObject{{u"kubernetes.io/metadata.name"_s, name}}}}},
         {u"spec"_s, QJsonObject{{u"finalizers"_s, QJsonArray{u"kubernetes"_s}}}},
         {u"status"_s, QJsonObject{{u"phase"_s, u"Active"_s}}}});
    // The service account controller gives every namespace its "default" account.
    m_state.create(u"serviceaccounts"_s,
                   {{u"kind"_s, u"ServiceAccount"_s},
                    {u"apiVersion"_s, u"v1"_s},
                    {u"metadata"_s, QJsonObject{{u"name"_s, u"default"_s},
                                                {u"namespace"_s, name},
                                                {u"creationTimestamp"_s, SimTime::rfc3339(createdMs)}}}});
}

namespace {
QString nodeId(const QString &node, const char *what)
{
    return QUuid::createUuidV5(QUuid::fromString(u"6ba7b810-9dad-11d1-80b4-00c04fd430c8"_s),
                               node + QLatin1Char('/') + QLatin1String(what))
        .toString(QUuid::WithoutBraces);
}
} // namespace

void ScenarioBuilder::createNode(const NodeSpec &node)
{
    const QString created = SimTime::rfc3339(m_state.nowMs() - 30LL * 86400 * 1000);
    const QString now = SimTime::rfc3339(m_state.nowMs());
    const QJsonObject capacity{{u"cpu"_s, node.cpu}, {u"memory"_s, node.memory}, {u"pods"_s, u"110"_s}};
    m_state.create(
        u"nodes"_s,
        {{u"kind"_s, u"Node"_s},
         {u"apiVersion"_s, u"v1"_s},
         {u"metadata"_s,
          QJsonObject{{u"name"_s, node.name},
                      {u"creationTimestamp"_s, created},
                      {u"labels"_s, QJsonObject{{u"kubernetes.io/hostname"_s, node.name},
                                                {u"kubernetes.io/os"_s, u"linux"_s},
                                                {u"node-role.kubernetes.io/worker"_s, QString()}}}}},
         {u"spec"_s, QJsonObject{{u"podCIDR"_s, u"10.244.0.0/24"_s}}},
         {u"status"_s,
          QJsonObject{
              {u"capacity"_s, capacity},
              {u"allocatable"_s, capacity},
              {u"addresses"_s,
               QJsonArray{QJsonObject{{u"type"_s, u"InternalIP"_s}, {u"address"_s, node.internalIp}},
                          QJsonObject{{u"type"_s, u"Hostname"_s}, {u"address"_s, node.name}}}},
              {u"conditions"_s, QJsonArray{QJsonObject{{u"type"_s, u"Ready"_s},
                                                       {u"status"_s, u"True"_s},
                                                       {u"reason"_s, u"KubeletReady"_s},
                                                       {u"message"_s, u"kubelet is posting ready status"_s},
                                                       {u"lastHeartbeatTime"_s, now},
                                                       {u"lastTransitionTime"_s, created}}}},
              // Every field of NodeSystemInfo is required by the API: official clients refuse a node
              // without them (machineID, systemUUID and bootID are stable per node name).
              {u"nodeInfo"_s, QJsonObject{{u"machineID"_s, nodeId(node.name, "machine").remove(QLatin1Char('-'))},
                                          {u"systemUUID"_s, nodeId(node.name, "system").toUpper()},
                                          {u"bootID"_s, nodeId(node.name, "boot")},
                                          {u"kubeletVersion"_s, u"v1.32.4"_s},
                                          {u"kubeProxyVersion"_s, u"v1.32.4"_s},
                                          {u"osImage"_s, u"Debian GNU/Linux 12 (bookworm)"_s},
                                          {u"kernelVersion"_s, u"6.1.0-27-amd64"_s},
                                          {u"containerRuntimeVersion"_s, u"containerd://1.7.22"_s},
                                          {u"operatingSystem"_s, u"linux"_s},
                                          {u"architecture"_s, u"amd64"_s}}}}}});
}

void ScenarioBuilder::createWorkload(const Workload &w)
{
    const qint64 now = m_state.nowMs();
    const qint64 createdMs = now - qint64(w.createdMinutesAgo) * 60000;
    const QString apiVersion = u"apps/v1"_s;
    const QJsonObject selector{{u"matchLabels"_s, w.labels}};
    const Revision &live = w.revisions.last();
    QJsonObject object{
        {u"kind"_s, w.kind},
        {u"apiVersion"_s, apiVersion},
        {u"metadata"_s, QJsonObject{{u"name"_s, w.name},
                                    {u"namespace"_s, w.ns},
                                    {u"labels"_s, w.labels},
                                    {u"creationTimestamp"_s, SimTime::rfc3339(createdMs)}}},
        {u"spec"_s, QJsonObject{{u"replicas"_s, w.replicas},
                                {u"selector"_s, selector},
                                {u"template"_s, podTemplate(w, live.image)},
                                {u"revisionHistoryLimit"_s, 10}}},
        {u"status"_s, QJsonObject()},
    };
    if (w.kind == "Deployment"_L1) {
        QJsonObject spec = object.value("spec"_L1).toObject();
        QJsonObject strategy{{u"type"_s, w.strategy}};
        if (w.strategy == "RollingUpdate"_L1)
            strategy.insert("rollingUpdate"_L1,
                            QJsonObject{{u"maxSurge"_s, u"25%"_s}, {u"maxUnavailable"_s, u"25%"_s}});
        spec.insert("strategy"_L1, strategy);
        spec.insert("progressDeadlineSeconds"_L1, 600);
        object.insert("spec"_L1, spec);
        QJsonObject meta = object.value("metadata"_L1).toObject();
        QJsonObject annotations{
            {u"deployment.kubernetes.io/revision"_s, QString::number(w.revisions.size())}};
        if (!live.changeCause.isEmpty())
            annotations.insert("kubernetes.io/change-cause"_L1, live.changeCause);
        meta.insert("annotations"_L1, annotations);
        meta.insert("generation"_L1, w.revisions.size());
        object.insert("metadata"_L1, meta);
        const QJsonObject deployment = m_state.create(u"deployments"_s, object);
        // The revision history: one ReplicaSet per revision, all but the live one scaled to zero.
        for (int i = 0; i < w.revisions.size(); ++i) {
            const Revision &r = w.revisions.at(i);
            const QJsonObject tmpl = podTemplate(w, r.image);
            const QString hash = Controllers::templateHash(tmpl);
            QJsonObject annotations{
                {u"deployment.kubernetes.io/revision"_s, QString::number(i + 1)},
                {u"deployment.kubernetes.io/desired-replicas"_s, QString::number(w.replicas)},
                {u"deployment.kubernetes.io/max-replicas"_s, QString::number(w.replicas + 1)}};
            if (!r.changeCause.isEmpty())
                annotations.insert("kubernetes.io/change-cause"_L1, r.changeCause);
            QJsonObject rsMatchLabels = w.labels;
            rsMatchLabels.insert("pod-template-hash"_L1, hash);
            const QJsonObject rsSelector{{u"matchLabels"_s, rsMatchLabels}};
            const QJsonObject hashedTemplate =
                QJsonObject{{u"metadata"_s, Controllers::withLabel(tmpl.value("metadata"_L1).toObject(),
                                                                   u"pod-template-hash"_s, hash)},
                            {u"spec"_s, tmpl.value("spec"_L1)}};
            const bool isLive = i == w.revisions.size() - 1;
            QJsonObject rs{
                {u"kind"_s, u"ReplicaSet"_s},
                {u"apiVersion"_s, apiVersion},
                {u"metadata"_s,
                 QJsonObject{{u"name"_s, w.name + QLatin1Char('-') + hash},
                             {u"namespace"_s, w.ns},
                             {u"labels"_s, hashedTemplate.value("metadata"_L1).toObject().value("labels"_L1)},
                             {u"annotations"_s, annotations},
                             {u"creationTimestamp"_s, SimTime::rfc3339(now - qint64(r.minutesAgo) * 60000)},
                             {u"ownerReferences"_s, QJsonArray{Controllers::ownerReference(deployment)}}}},
                {u"spec"_s, QJsonObject{{u"replicas"_s, isLive ? w.replicas : 0},
                                        {u"selector"_s, rsSelector},
                                        {u"template"_s, hashedTemplate}}},
                {u"status"_s, QJsonObject{{u"replicas"_s, 0}}},
            };
            m_state.create(u"replicasets"_s, rs);
            m_controllers.setBackdate(now - qint64(r.minutesAgo) * 60000);
            m_controllers.reconcileReplicaSet(w.ns, w.name + QLatin1Char('-') + hash);
            m_controllers.setBackdate(0);
        }
        m_controllers.refreshDeploymentStatus(w.ns, w.name);
    } else {
        QJsonObject spec = object.value("spec"_L1).toObject();
        spec.insert("serviceName"_L1, w.name);
        spec.insert("podManagementPolicy"_L1, u"OrderedReady"_s);
        object.insert("spec"_L1, spec);
        m_state.create(u"statefulsets"_s, object);
        m_controllers.setBackdate(createdMs);
        m_controllers.reconcileStatefulSet(w.ns, w.name);
        m_controllers.setBackdate(0);
    }

    // The workload's Service, HPA and Ingress share its name, namespace and age.
    const QJsonObject companionMeta{
        {u"name"_s, w.name}, {u"namespace"_s, w.ns}, {u"creationTimestamp"_s, SimTime::rfc3339(createdMs)}};
    if (w.servicePort > 0) {
        const int target = w.containers.first().port > 0 ? w.containers.first().port : w.servicePort;
        m_state.create(
            u"services"_s,
            {{u"kind"_s, u"Service"_s},
             {u"apiVersion"_s, u"v1"_s},
             {u"metadata"_s, QJsonObject{{u"name"_s, w.name},
                                         {u"namespace"_s, w.ns},
                                         {u"labels"_s, w.labels},
                                         {u"creationTimestamp"_s, SimTime::rfc3339(createdMs)}}},
             {u"spec"_s, QJsonObject{{u"type"_s, u"ClusterIP"_s},
                                     {u"clusterIP"_s, m_controllers.nextServiceIp()},
                                     {u"selector"_s, w.labels},
                                     {u"ports"_s, QJsonArray{QJsonObject{{u"name"_s, u"http"_s},
                                                                         {u"port"_s, w.servicePort},
                                                                         {u"targetPort"_s, target},
                                                                         {u"protocol"_s, u"TCP"_s}}}}}},
             {u"status"_s, QJsonObject{{u"loadBalancer"_s, QJsonObject()}}}});
        m_controllers.refreshEndpoints(w.ns);
    }
    if (w.hpaMax > 0) {
        m_state.create(
            u"horizontalpodautoscalers"_s,
            {{u"kind"_s, u"HorizontalPodAutoscaler"_s},
             {u"apiVersion"_s, u"autoscaling/v2"_s},
             {u"metadata"_s, companionMeta},
             {u"spec"_s,
              QJsonObject{
                  {u"scaleTargetRef"_s,
                   QJsonObject{{u"apiVersion"_s, apiVersion}, {u"kind"_s, w.kind}, {u"name"_s, w.name}}},
                  {u"minReplicas"_s, w.hpaMin},
                  {u"maxReplicas"_s, w.hpaMax},
                  {u"metrics"_s,
                   QJsonArray{QJsonObject{
                       {u"type"_s, u"Resource"_s},
                       {u"resource"_s, QJsonObject{{u"name"_s, u"cpu"_s},
                                                   {u"target"_s, QJsonObject{{u"type"_s, u"Utilization"_s},
                                                                             {u"averageUtilization"_s,
                                                                              w.hpaCpuPercent}}}}}}}}}},
             {u"status"_s,
              QJsonObject{
                  {u"currentReplicas"_s, w.replicas},
                  {u"desiredReplicas"_s, w.replicas},
                  {u"currentMetrics"_s,
                   QJsonArray{QJsonObject{
                       {u"type"_s, u"Resource"_s},
                       {u"resource"_s,
                        QJsonObject{{u"name"_s, u"cpu"_s},
                                    {u"current"_s, QJsonObject{{u"averageUtilization"_s, 34},
                                                               {u"averageValue"_s, u"170m"_s}}}}}}}}}}});
    }
    if (!w.ingressHost.isEmpty() && w.servicePort > 0) {
        m_state.create(
            u"ingresses"_s,
            {{u"kind"_s, u"Ingress"_s},
             {u"apiVersion"_s, u"networking.k8s.io/v1"_s},
             {u"metadata"_s, companionMeta},
             {u"spec"_s,
              QJsonObject{
                  {u"ingressClassName"_s, u"nginx"_s},
                  {u"rules"_s,
                   QJsonArray{QJsonObject{
                       {u"host"_s, w.ingressHost},
                       {u"http"_s,
                        QJsonObject{
                            {u"paths"_s,
                             QJsonArray{QJsonObject{
                                 {u"path"_s, u"/"_s},
                                 {u"pathType"_s, u"Prefix"_s},
                                 {u"backend"_s,
                                  QJsonObject{
                                      {u"service"_s,
                                       QJsonObject{{u"name"_s, w.name},
                                                   {u"port"_s,
                                                    QJsonObject{{u"number"_s, w.servicePort}}}}}}}}}}}}}}}}},
             {u"status"_s,
              QJsonObject{
                  {u"loadBalancer"_s,
                   QJsonObject{{u"ingress"_s, QJsonArray{QJsonObject{{u"ip"_s, u"192.0.2.10"_s}}}}}}}}});
    }
}

void ScenarioBuilder::createSyntheticPods(const QString &ns, int count)
{
    createNamespace(ns, m_state.nowMs());
    const QString now = SimTime::rfc3339(m_state.nowMs());
    const QList<QJsonObject> nodes = m_state.list(u"nodes"_s);
    for (int i = 0; i < count; ++i) {
        const QString name =
            u"load-%1-%2"_s.arg(i, 6, 10, QLatin1Char('0')).arg(m_controllers.nextPodSuffix());
        const QString ip = u"10.250.%1.%2"_s.arg((i / 250) % 250).arg(i % 250 + 2);
        m_state.create(
            u"pods"_s,
            {{u"kind"_s, u"Pod"_s},
             {u"apiVersion"_s, u"v1"_s},
             {u"metadata"_s, QJsonObject{{u"name"_s, name},
                                         {u"namespace"_s, ns},
                                         {u"labels"_s, QJsonObject{{u"app"_s, u"load"_s},
                                                                   {u"shard"_s, QString::number(i % 16)}}}}},
             {u"spec"_s, QJsonObject{{u"nodeName"_s, nodes.isEmpty() ? QString()
                                                                     : nodes.at(i % nodes.size())
                                                                           .value("metadata"_L1)
                                                                           .toObject()
                                                                           .value("name"_L1)
                                                                           .toString()},
                                     {u"containers"_s,
                                      QJsonArray{QJsonObject{{u"name"_s, u"app"_s},
                                                             {u"image"_s, u"registry.local/load:1.0"_s}}}}}},
             {u"status"_s,
              QJsonObject{
                  {u"phase"_s, u"Running"_s},
                  {u"podIP"_s, ip},
                  {u"startTime"_s, now},
                  {u"conditions"_s,
                   QJsonArray{QJsonObject{{u"type"_s, u"Ready"_s}, {u"status"_s, u"True"_s}}}},
                  {u"containerStatuses"_s,
                   QJsonArray{QJsonObject{
                       {u"name"_s, u"app"_s},
                       {u"ready"_s, true},
                       {u"started"_s, true},
                       {u"restartCount"_s, 0},
                       {u"image"_s, u"registry.local/load:1.0"_s},
                       {u"state"_s, QJsonObject{{u"running"_s, QJsonObject{{u"startedAt"_s, now}}}}}}}}}}});
    }
}

} // namespace Sitrep::Sim
