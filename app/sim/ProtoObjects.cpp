#include "sim/ProtoObjects.h"

#include "sim/ProtoReader.h"

#include <QHash>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

enum class Type { String, Int, Bool, Bytes, Message, StringMap, BytesMap, QuantityMap };

struct FieldSpec
{
    int number;
    const char *name;
    Type type;
    bool repeated = false;
    const char *message = nullptr; // for Type::Message
};

// The messages `kubectl create` fills, by the field numbers of k8s.io/api (core/v1, apps/v1) and
// apimachinery (meta/v1).
const QHash<QString, QList<FieldSpec>> &schemas()
{
    static const QHash<QString, QList<FieldSpec>> s{
        {u"ObjectMeta"_s,
         {{1, "name", Type::String},
          {2, "generateName", Type::String},
          {3, "namespace", Type::String},
          {11, "labels", Type::StringMap},
          {12, "annotations", Type::StringMap},
          {14, "finalizers", Type::String, true}}},
        {u"Namespace"_s, {{1, "metadata", Type::Message, false, "ObjectMeta"}}},
        {u"ConfigMap"_s,
         {{1, "metadata", Type::Message, false, "ObjectMeta"},
          {2, "data", Type::StringMap},
          {3, "binaryData", Type::BytesMap},
          {4, "immutable", Type::Bool}}},
        {u"Secret"_s,
         {{1, "metadata", Type::Message, false, "ObjectMeta"},
          {2, "data", Type::BytesMap},
          {3, "type", Type::String},
          {4, "stringData", Type::StringMap},
          {5, "immutable", Type::Bool}}},
        {u"Deployment"_s,
         {{1, "metadata", Type::Message, false, "ObjectMeta"},
          {2, "spec", Type::Message, false, "DeploymentSpec"}}},
        {u"DeploymentSpec"_s,
         {{1, "replicas", Type::Int},
          {2, "selector", Type::Message, false, "LabelSelector"},
          {3, "template", Type::Message, false, "PodTemplateSpec"},
          {4, "strategy", Type::Message, false, "DeploymentStrategy"},
          {5, "minReadySeconds", Type::Int},
          {6, "revisionHistoryLimit", Type::Int},
          {7, "paused", Type::Bool},
          {9, "progressDeadlineSeconds", Type::Int}}},
        {u"DeploymentStrategy"_s, {{1, "type", Type::String}}},
        {u"LabelSelector"_s,
         {{1, "matchLabels", Type::StringMap},
          {2, "matchExpressions", Type::Message, true, "LabelSelectorRequirement"}}},
        {u"LabelSelectorRequirement"_s,
         {{1, "key", Type::String}, {2, "operator", Type::String}, {3, "values", Type::String, true}}},
        {u"PodTemplateSpec"_s,
         {{1, "metadata", Type::Message, false, "ObjectMeta"}, {2, "spec", Type::Message, false, "PodSpec"}}},
        {u"PodSpec"_s,
         {{2, "containers", Type::Message, true, "Container"},
          {3, "restartPolicy", Type::String},
          {7, "nodeSelector", Type::StringMap},
          {8, "serviceAccountName", Type::String},
          {20, "initContainers", Type::Message, true, "Container"}}},
        {u"Container"_s,
         {{1, "name", Type::String},
          {2, "image", Type::String},
          {3, "command", Type::String, true},
          {4, "args", Type::String, true},
          {5, "workingDir", Type::String},
          {6, "ports", Type::Message, true, "ContainerPort"},
          {7, "env", Type::Message, true, "EnvVar"},
          {8, "resources", Type::Message, false, "ResourceRequirements"},
          {14, "imagePullPolicy", Type::String}}},
        {u"ContainerPort"_s,
         {{1, "name", Type::String},
          {2, "hostPort", Type::Int},
          {3, "containerPort", Type::Int},
          {4, "protocol", Type::String}}},
        {u"EnvVar"_s, {{1, "name", Type::String}, {2, "value", Type::String}}},
        {u"ResourceRequirements"_s, {{1, "limits", Type::QuantityMap}, {2, "requests", Type::QuantityMap}}},
        {u"SelfSubjectReview"_s, {{1, "metadata", Type::Message, false, "ObjectMeta"}}},
    };
    return s;
}

const QHash<QString, QString> &kinds()
{
    // kind -> the message of its raw bytes
    static const QHash<QString, QString> k{{u"Namespace"_s, u"Namespace"_s},
                                           {u"ConfigMap"_s, u"ConfigMap"_s},
                                           {u"Secret"_s, u"Secret"_s},
                                           {u"Deployment"_s, u"Deployment"_s},
                                           {u"SelfSubjectReview"_s, u"SelfSubjectReview"_s}};
    return k;
}

// A map<string, V> entry: {1: key, 2: value}.
std::pair<QString, QByteArray> mapEntry(const QByteArray &entry)
{
    const QHash<int, QByteArray> f = ProtoReader::lengthDelimited(entry);
    return {QString::fromUtf8(f.value(1)), f.value(2)};
}

QJsonObject decodeMessage(const QByteArray &bytes, const QString &type, QString *error, int depth)
{
    if (depth > 16) {
        *error = u"messages nested too deep"_s;
        return {};
    }
    bool ok = true;
    const QList<ProtoReader::Field> fields = ProtoReader::all(bytes, &ok);
    if (!ok) {
        *error = u"malformed protobuf in %1"_s.arg(type);
        return {};
    }
    const QList<FieldSpec> &spec = schemas().value(type);
    QJsonObject out;
    for (const ProtoReader::Field &f : fields) {
        const auto it =
            std::find_if(spec.begin(), spec.end(), [&f](const FieldSpec &s) { return s.number == f.number; });
        if (it == spec.end())
            continue; // a field this server does not use
        const QString name = QLatin1String(it->name);
        QJsonValue value;
        switch (it->type) {
        case Type::String:
            value = QString::fromUtf8(f.bytes);
            break;
        case Type::Int:
            value = qint64(qint32(f.varint)); // int32 fields; negatives arrive as 10-byte varints
            break;
        case Type::Bool:
            value = f.varint != 0;
            break;
        case Type::Bytes:
            value = QString::fromLatin1(f.bytes.toBase64());
            break;
        case Type::Message:
            value = decodeMessage(f.bytes, QLatin1String(it->message), error, depth + 1);
            if (!error->isEmpty())
                return {};
            break;
        case Type::StringMap:
        case Type::BytesMap:
        case Type::QuantityMap: {
            QJsonObject map = out.value(name).toObject();
            const auto [key, raw] = mapEntry(f.bytes);
            if (it->type == Type::StringMap)
                map.insert(key, QString::fromUtf8(raw));
            else if (it->type == Type::BytesMap)
                map.insert(key, QString::fromLatin1(raw.toBase64()));
            else // resource.Quantity{1: string}
                map.insert(key, QString::fromUtf8(ProtoReader::lengthDelimited(raw).value(1)));
            out.insert(name, map);
            continue;
        }
        }
        if (it->repeated) {
            QJsonArray a = out.value(name).toArray();
            a.append(value);
            out.insert(name, a);
        } else {
            out.insert(name, value);
        }
    }
    return out;
}

} // namespace

QStringList ProtoObjects::supportedKinds()
{
    QStringList out = kinds().keys();
    out.sort();
    return out;
}

Core::Result<ProtoObjects::Decoded> ProtoObjects::decode(const QByteArray &body)
{
    if (!body.startsWith(QByteArray("k8s\0", 4)))
        return Core::makeError(u"protobuf body lacks the \"k8s\\0\" envelope magic"_s);
    // runtime.Unknown{1: TypeMeta{1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding, 4: contentType}
    bool ok = true;
    ProtoReader::all(body.mid(4), &ok);
    if (!ok)
        return Core::makeError(u"malformed protobuf envelope"_s);
    const QHash<int, QByteArray> unknown = ProtoReader::lengthDelimited(body.mid(4));
    const QHash<int, QByteArray> typeMeta = ProtoReader::lengthDelimited(unknown.value(1));
    Decoded d;
    d.apiVersion = QString::fromUtf8(typeMeta.value(1));
    d.kind = QString::fromUtf8(typeMeta.value(2));
    const QString message = kinds().value(d.kind);
    if (message.isEmpty())
        return Core::makeError(
            u"the simulated cluster reads protobuf bodies of %1 only, not %2; send JSON "
            "(kubectl create -f / apply -f)"_s.arg(supportedKinds().join(u", "_s),
                                                   d.kind.isEmpty() ? u"an unnamed kind"_s : d.kind));
    QString error;
    d.object = decodeMessage(unknown.value(2), message, &error, 0);
    if (!error.isEmpty())
        return Core::makeError(error);
    d.object.insert("kind"_L1, d.kind);
    d.object.insert("apiVersion"_L1, d.apiVersion);
    return d;
}

} // namespace Sitrep::Sim
