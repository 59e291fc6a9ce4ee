// The reconcile logic behind 410 relists: missed deletions come out, unchanged objects do not.
#include "kube/ObjectIndex.h"

#include <QTest>

using namespace Sitrep::Kube;

namespace {

ObjectEvent ev(ObjectEvent::Type t, const QString &key, const QString &rv)
{
    ObjectEvent e;
    e.type = t;
    e.key = key;
    e.resourceVersion = rv;
    return e;
}

} // namespace

class TstObjectIndex final : public QObject
{
    Q_OBJECT
private slots:
    void watchEvents();
    void relistReconciles();
    void firstListIsAllAdded();
};

void TstObjectIndex::watchEvents()
{
    ObjectIndex idx;
    QVERIFY(idx.apply(ev(ObjectEvent::Type::Added, QStringLiteral("demo/a"), QStringLiteral("1"))));
    QVERIFY(!idx.apply(
        ev(ObjectEvent::Type::Modified, QStringLiteral("demo/a"), QStringLiteral("1")))); // duplicate
    QVERIFY(idx.apply(ev(ObjectEvent::Type::Modified, QStringLiteral("demo/a"), QStringLiteral("2"))));
    QCOMPARE(idx.resourceVersion(QStringLiteral("demo/a")), QStringLiteral("2"));
    QVERIFY(idx.apply(ev(ObjectEvent::Type::Deleted, QStringLiteral("demo/a"), QStringLiteral("3"))));
    QVERIFY(!idx.apply(ev(ObjectEvent::Type::Deleted, QStringLiteral("demo/a"), QStringLiteral("3"))));
    QCOMPARE(idx.size(), 0);
}

void TstObjectIndex::relistReconciles()
{
    ObjectIndex idx;
    for (const char *k : {"demo/a", "demo/b", "demo/c"})
        idx.apply(ev(ObjectEvent::Type::Added, QString::fromLatin1(k), QStringLiteral("1")));
    // While the watch was down: b changed, c was deleted, d was created.
    idx.beginRelist();
    QVERIFY(idx.relisting());
    ObjectEvent a = ev(ObjectEvent::Type::Added, QStringLiteral("demo/a"), QStringLiteral("1"));
    ObjectEvent b = ev(ObjectEvent::Type::Added, QStringLiteral("demo/b"), QStringLiteral("5"));
    ObjectEvent d = ev(ObjectEvent::Type::Added, QStringLiteral("demo/d"), QStringLiteral("6"));
    QVERIFY(!idx.relistItem(a));
    QVERIFY(idx.relistItem(b));
    QCOMPARE(b.type, ObjectEvent::Type::Modified);
    QVERIFY(idx.relistItem(d));
    QCOMPARE(d.type, ObjectEvent::Type::Added);
    QCOMPARE(idx.endRelist(), QStringList{QStringLiteral("demo/c")});
    QVERIFY(!idx.relisting());
    QCOMPARE(idx.size(), 3);
    QVERIFY(!idx.contains(QStringLiteral("demo/c")));
}

void TstObjectIndex::firstListIsAllAdded()
{
    ObjectIndex idx;
    idx.beginRelist();
    for (int i = 0; i < 1000; ++i) {
        ObjectEvent e = ev(ObjectEvent::Type::Modified, QStringLiteral("ns/p%1").arg(i), QString::number(i));
        QVERIFY(idx.relistItem(e));
        QCOMPARE(e.type, ObjectEvent::Type::Added);
    }
    QVERIFY(idx.endRelist().isEmpty());
    QCOMPARE(idx.size(), 1000);
}

QTEST_GUILESS_MAIN(TstObjectIndex)
#include "tst_objectindex.moc"
