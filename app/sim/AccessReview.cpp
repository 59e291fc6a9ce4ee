#include "sim/AccessReview.h"

#include "sim/ProtoReader.h"

#include <QHash>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

QHash<int, QByteArray> fields(const QByteArray &message)
{
    return ProtoReader::lengthDelimited(message);
}

} // namespace

Core::Result<AccessReview::Attributes> AccessReview::decodeProtobuf(const QByteArray &body)
{
    if (!body.startsWith(QByteArray("k8s\0", 4)))
        return Core::makeError(u"protobuf body lacks the \"k8s\\0\" envelope magic"_s);
    // runtime.Unknown{1: TypeMeta, 2: raw}; raw is SelfSubjectAccessReview{1: metadata, 2: spec, 3: status}.
    const QHash<int, QByteArray> unknown = fields(body.mid(4));
    const QHash<int, QByteArray> typeMeta = fields(unknown.value(1));
    const QString kind = QString::fromUtf8(typeMeta.value(2));
    if (!kind.isEmpty() && kind != "SelfSubjectAccessReview"_L1)
        return Core::makeError(u"expected a SelfSubjectAccessReview, got %1"_s.arg(kind));
    const QHash<int, QByteArray> review = fields(unknown.value(2));
    const QHash<int, QByteArray> spec = fields(review.value(2));
    Attributes a;
    if (spec.contains(1)) {
        const QHash<int, QByteArray> ra = fields(spec.value(1));
        a.ns = QString::fromUtf8(ra.value(1));
        a.verb = QString::fromUtf8(ra.value(2));
        a.group = QString::fromUtf8(ra.value(3));
        a.version = QString::fromUtf8(ra.value(4));
        a.resource = QString::fromUtf8(ra.value(5));
        a.subresource = QString::fromUtf8(ra.value(6));
        a.name = QString::fromUtf8(ra.value(7));
    } else if (spec.contains(2)) {
        const QHash<int, QByteArray> nra = fields(spec.value(2));
        a.nonResourcePath = QString::fromUtf8(nra.value(1));
        a.verb = QString::fromUtf8(nra.value(2));
    } else {
        return Core::makeError(
            u"SelfSubjectAccessReview has neither resourceAttributes nor nonResourceAttributes"_s);
    }
    return a;
}

Core::Result<AccessReview::Attributes> AccessReview::decode(const QByteArray &contentType,
                                                            const QByteArray &body)
{
    if (contentType.contains("protobuf"))
        return decodeProtobuf(body);
    const QJsonObject spec = QJsonDocument::fromJson(body).object().value("spec"_L1).toObject();
    Attributes a;
    const QJsonObject ra = spec.value("resourceAttributes"_L1).toObject();
    const QJsonObject nra = spec.value("nonResourceAttributes"_L1).toObject();
    if (!ra.isEmpty()) {
        a.ns = ra.value("namespace"_L1).toString();
        a.verb = ra.value("verb"_L1).toString();
        a.group = ra.value("group"_L1).toString();
        a.version = ra.value("version"_L1).toString();
        a.resource = ra.value("resource"_L1).toString();
        a.subresource = ra.value("subresource"_L1).toString();
        a.name = ra.value("name"_L1).toString();
    } else if (!nra.isEmpty()) {
        a.nonResourcePath = nra.value("path"_L1).toString();
        a.verb = nra.value("verb"_L1).toString();
    } else {
        return Core::makeError(u"spec needs resourceAttributes or nonResourceAttributes"_s);
    }
    return a;
}

bool AccessReview::allowed(const Attributes &a, const QStringList &deniedRules)
{
    for (const QString &rule : deniedRules) {
        const QStringList parts = rule.simplified().split(QLatin1Char(' '));
        const QString verb = parts.value(0);
        const QString resource = parts.value(1, u"*"_s);
        const bool verbMatches = verb == "*"_L1 || verb == a.verb;
        const bool resourceMatches = resource == "*"_L1 || resource == a.resource ||
                                     resource == a.resource + QLatin1Char('/') + a.subresource;
        if (verbMatches && resourceMatches)
            return false;
    }
    return true;
}

QJsonObject AccessReview::response(const Attributes &a, bool allowed)
{
    QJsonObject spec;
    if (a.nonResourcePath.isEmpty()) {
        QJsonObject ra{{u"verb"_s, a.verb}, {u"resource"_s, a.resource}};
        if (!a.ns.isEmpty())
            ra.insert("namespace"_L1, a.ns);
        if (!a.group.isEmpty())
            ra.insert("group"_L1, a.group);
        if (!a.subresource.isEmpty())
            ra.insert("subresource"_L1, a.subresource);
        if (!a.name.isEmpty())
            ra.insert("name"_L1, a.name);
        spec.insert("resourceAttributes"_L1, ra);
    } else {
        spec.insert("nonResourceAttributes"_L1,
                    QJsonObject{{u"path"_s, a.nonResourcePath}, {u"verb"_s, a.verb}});
    }
    QJsonObject status{{u"allowed"_s, allowed}};
    if (!allowed)
        status.insert("reason"_L1, u"the simulated RBAC policy denies %1 on %2"_s.arg(
                                       a.verb, a.resource.isEmpty() ? a.nonResourcePath : a.resource));
    return {{u"kind"_s, u"SelfSubjectAccessReview"_s},
            {u"apiVersion"_s, u"authorization.k8s.io/v1"_s},
            {u"metadata"_s, QJsonObject{{u"creationTimestamp"_s, QJsonValue::Null}}},
            {u"spec"_s, spec},
            {u"status"_s, status}};
}

} // namespace Sitrep::Sim
