#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Sitrep::Ui {

// A Kubernetes label selector ("app=api,tier!=db,env in (prod,staging),!canary") matched on the client side
// against a pod's "k=v,k2=v2" label string, for filtering the table without a new list.
class LabelSelector final
{
public:
    // Empty text selects everything; returns false with a sentence in *error when the text is not a selector.
    bool parse(const QString &text, QString *error);
    bool isEmpty() const { return m_terms.isEmpty(); }
    bool matches(const QString &labels) const;

private:
    enum class Op { Equals, NotEquals, In, NotIn, Exists, NotExists };
    struct Term
    {
        QString key;
        Op op;
        QStringList values;
    };
    QList<Term> m_terms;
};

} // namespace Sitrep::Ui
