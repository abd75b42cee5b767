// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing a campaign manager does is lost, and two windows on one workspace stay true: quitting, closing the
// workspace or choosing a template with unsaved changes asks Save / Discard / Cancel; a template over a saved
// segment starts a new one; a second window on the file says so and shows what the first one saves; a save
// over a segment changed in the other window asks before overwriting; an empty workspace opens on Import;
// the Edit menu undoes the builder's edits.
#include "SampleStoreFixture.h"
#include "SegmentsAreaTestUtil.h"
#include "UiTestUtil.h"
#include "data/DataArea.h"
#include "main/MainWindow.h"
#include "main/WorkspaceController.h"
#include "segments/RuleEditor.h"
#include "segments/RuleJson.h"
#include "segments/SegmentBuilder.h"
#include "segments/SegmentListModel.h"
#include "segments/SegmentsArea.h"
#include "services/SegmentService.h"
#include "settings/Settings.h"
#include "wizards/ImportWizard.h"

#include <QAbstractButton>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>

using namespace awb;
using awb::ui::MainWindow;
using awb::ui::SegmentBuilder;
using awb::ui::SegmentsArea;

namespace {

constexpr int kWaitMs = test::kSegmentsWaitMs;

segments::Rule ordersAtLeast(int n)
{
    auto rule = segments::ruleFromJson("{\"version\":1,\"rule\":{\"type\":\"all\",\"conditions\":[{\"type\":"
                                       "\"trait\",\"trait\":\"order_count\",\"op\":\">=\",\"value\":" +
                                       std::to_string(n) + "}]}}");
    if (!rule) {
        qFatal("bad rule: %s", rule.error().message.c_str());
    }
    return std::move(rule).value();
}

/// The message box named name that is open now (boxes closed earlier may wait for deletion).
QMessageBox *openBox(const QObject *root, const char *name)
{
    for (QMessageBox *box : root->findChildren<QMessageBox *>(QString::fromLatin1(name))) {
        if (box->isVisible()) {
            return box;
        }
    }
    return nullptr;
}

void click(QMessageBox *box, QMessageBox::StandardButton which)
{
    QVERIFY(box);
    QAbstractButton *button = box->button(which);
    QVERIFY(button);
    button->click();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

void clickNamed(QMessageBox *box, const char *name)
{
    QVERIFY(box);
    auto *button = box->findChild<QAbstractButton *>(QString::fromLatin1(name));
    QVERIFY(button);
    button->click();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

} // namespace

class TestDesktopSafety : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { m_store.create(); }

    void init()
    {
        m_workspace = m_store.freshCopy();
        QVERIFY(!m_workspace.isEmpty());
        m_settings = std::make_unique<settings::Settings>(m_store.filePath(QStringLiteral("settings.ini")));
    }

    void cleanup()
    {
        QVERIFY2(m_store.errors().isEmpty(), qPrintable(m_store.errorText()));
        m_second.reset();
        m_window.reset();
        m_settings.reset();
        m_store.removeCopy();
    }

    void quitWithUnsavedChangesAsks()
    {
        SegmentBuilder *builder = openWindowWithEditedSegment(m_window, QStringLiteral("Repeat buyers"));
        QVERIFY(builder);
        // Cancel: the window stays, with the changes.
        m_window->close();
        QVERIFY(m_window->isVisible());
        QCOMPARE(m_window->segmentsArea()->page(), SegmentsArea::Page::Builder);
        test::maybeScreenshot(openBox(m_window.get(), "unsavedChangesBox"),
                              QStringLiteral("unsaved-changes-box"));
        click(openBox(m_window.get(), "unsavedChangesBox"), QMessageBox::Cancel);
        QVERIFY(m_window->isVisible());
        QVERIFY(builder->hasUnsavedChanges());
        // Save: the segment is stored, then the window closes.
        m_window->close();
        click(openBox(m_window.get(), "unsavedChangesBox"), QMessageBox::Save);
        QVERIFY(!m_window->isVisible());
        const auto saved = service().find("Repeat buyers");
        QVERIFY(saved);
        QCOMPARE(saved->ruleJson, segments::ruleToJson(ordersAtLeast(2)));
    }

    void quitAndDiscardDropsOnlyTheChanges()
    {
        SegmentBuilder *builder = openWindowWithEditedSegment(m_window, QStringLiteral("Repeat buyers"));
        QVERIFY(builder);
        m_window->close();
        click(openBox(m_window.get(), "unsavedChangesBox"), QMessageBox::Discard);
        QVERIFY(!m_window->isVisible());
        QVERIFY(!service().find("Repeat buyers"));
    }

    void saveThatCannotHappenKeepsTheWindow()
    {
        SegmentBuilder *builder = openWindowWithEditedSegment(m_window, QString());
        QVERIFY(builder);
        m_window->close();
        click(openBox(m_window.get(), "unsavedChangesBox"), QMessageBox::Save);
        // Without a name nothing is saved, so nothing is closed; the builder says why.
        QVERIFY(m_window->isVisible());
        QVERIFY(builder->statusText().contains(QStringLiteral("name")));
        QVERIFY(builder->hasUnsavedChanges());
    }

    void closingOrSwitchingTheWorkspaceAsks()
    {
        SegmentBuilder *builder = openWindowWithEditedSegment(m_window, QStringLiteral("Repeat buyers"));
        QVERIFY(builder);
        m_window->closeWorkspace();
        click(openBox(m_window.get(), "unsavedChangesBox"), QMessageBox::Cancel);
        QVERIFY(m_window->workspace().isOpen());
        QVERIFY(builder->hasUnsavedChanges());

        m_window->closeWorkspace();
        click(openBox(m_window.get(), "unsavedChangesBox"), QMessageBox::Discard);
        QVERIFY(!m_window->workspace().isOpen());
        QCOMPARE(test::child<QLabel>(m_window.get(), "statusWorkspaceLabel")->text(),
                 QStringLiteral("No workspace"));
        QVERIFY(!test::child<QAction>(m_window.get(), "closeWorkspaceAction")->isEnabled());
        QVERIFY(!builder->hasUnsavedChanges());
    }

    void openingAnotherSegmentAsks()
    {
        QVERIFY(service().save("Loyal", "", ordersAtLeast(3)));
        SegmentBuilder *builder = openWindowWithEditedSegment(m_window, QStringLiteral("Repeat buyers"));
        QVERIFY(builder);
        SegmentsArea *area = m_window->segmentsArea();
        QVERIFY(!area->openSegment(QStringLiteral("Loyal")));
        QCOMPARE(builder->editedSegment(), QString());
        click(openBox(m_window.get(), "unsavedChangesBox"), QMessageBox::Save);
        QCOMPARE(builder->editedSegment(), QStringLiteral("Loyal"));
        QVERIFY(service().find("Repeat buyers"));
    }

    void aTemplateOverASavedSegmentStartsANewOne()
    {
        QVERIFY(service().save("Mine", "my note", ordersAtLeast(3)));
        openWindow(m_window);
        QVERIFY(showSegments(*m_window));
        SegmentsArea *area = m_window->segmentsArea();
        QVERIFY(area->openSegment(QStringLiteral("Mine")));
        SegmentBuilder *builder = area->builder();
        QVERIFY(!builder->hasUnsavedChanges());
        builder->chooseTemplate(QStringLiteral("lapsed-vips"));
        QCOMPARE(builder->editedSegment(), QString());
        QCOMPARE(builder->name(), QStringLiteral("Lapsed VIPs"));
        QVERIFY(builder->hasUnsavedChanges());
        QVERIFY(builder->save());
        QCOMPARE(service().find("Mine")->ruleJson, segments::ruleToJson(ordersAtLeast(3)));
        QVERIFY(service().find("Lapsed VIPs"));

        // Over unsaved changes of a saved segment it asks first; Discard keeps the saved rule as it was.
        QVERIFY(area->openSegment(QStringLiteral("Mine")));
        builder->editor()->setRule(ordersAtLeast(5), QStringLiteral("edit"));
        builder->chooseTemplate(QStringLiteral("lapsed-vips"));
        QCOMPARE(builder->editedSegment(), QStringLiteral("Mine"));
        click(openBox(m_window.get(), "unsavedChangesBox"), QMessageBox::Discard);
        QCOMPARE(builder->name(), QStringLiteral("Lapsed VIPs 2")); // the first one is taken
        QCOMPARE(builder->editedSegment(), QString());
        QCOMPARE(service().find("Mine")->ruleJson, segments::ruleToJson(ordersAtLeast(3)));
    }

    void aSecondWindowSaysSoAndShowsWhatTheFirstSaves()
    {
        openWindow(m_window);
        QVERIFY(!openBox(m_window.get(), "openElsewhereBox"));
        openWindow(m_second);
        QVERIFY(openBox(m_second.get(), "openElsewhereBox"));
        test::maybeScreenshot(openBox(m_second.get(), "openElsewhereBox"),
                              QStringLiteral("open-elsewhere-box"));
        QVERIFY(test::child<QLabel>(m_second.get(), "statusWorkspaceLabel")
                    ->text()
                    .contains(QStringLiteral("also open")));
        click(openBox(m_second.get(), "openElsewhereBox"), QMessageBox::Ok);

        // Saved in the first window: the second lists it within a few seconds, by itself.
        SegmentBuilder *first = m_window->segmentsArea()->builder();
        m_window->segmentsArea()->newSegment();
        first->setName(QStringLiteral("Repeat buyers"));
        first->editor()->setRule(ordersAtLeast(2), QStringLiteral("edit"));
        QVERIFY(first->save());
        QTRY_VERIFY_WITH_TIMEOUT(
            m_second->segmentsArea()->listModel()->rowOf(QStringLiteral("Repeat buyers")) >= 0, 5000);
        // And the second window's builder checks the name against the workspace, not its list.
        SegmentBuilder *second = m_second->segmentsArea()->builder();
        m_second->segmentsArea()->newSegment();
        second->setName(QStringLiteral("Loyal"));
        second->editor()->setRule(ordersAtLeast(3), QStringLiteral("edit"));
        QVERIFY(service().save("Loyal", "", ordersAtLeast(4))); // by awb, before the list could show it
        QVERIFY(!second->save());
        QVERIFY(second->statusText().contains(QStringLiteral("exists already")));
        QCOMPARE(service().find("Loyal")->ruleJson, segments::ruleToJson(ordersAtLeast(4)));
    }

    void aStaleSaveAsksBeforeOverwriting()
    {
        QVERIFY(service().save("Mine", "", ordersAtLeast(1)));
        openWindow(m_window);
        openWindow(m_second);
        click(openBox(m_second.get(), "openElsewhereBox"), QMessageBox::Ok);
        SegmentsArea *areaA = m_window->segmentsArea();
        SegmentsArea *areaB = m_second->segmentsArea();
        areaA->reload();
        areaB->reload();
        QVERIFY(areaA->openSegment(QStringLiteral("Mine")));
        QVERIFY(areaB->openSegment(QStringLiteral("Mine")));
        areaA->builder()->editor()->setRule(ordersAtLeast(2), QStringLiteral("edit A"));
        areaB->builder()->editor()->setRule(ordersAtLeast(3), QStringLiteral("edit B"));
        QVERIFY(areaB->builder()->save());

        // A saves over B's version: refused until A chooses to overwrite.
        QVERIFY(!areaA->builder()->save());
        QMessageBox *box = openBox(m_window.get(), "segmentConflictBox");
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("changed in another window")));
        test::maybeScreenshot(box, QStringLiteral("segment-conflict-box"));
        test::maybeScreenshot(m_window.get(), QStringLiteral("segment-conflict-window"));
        QCOMPARE(service().find("Mine")->ruleJson, segments::ruleToJson(ordersAtLeast(3)));
        clickNamed(box, "overwriteButton");
        QCOMPARE(service().find("Mine")->ruleJson, segments::ruleToJson(ordersAtLeast(2)));
        QVERIFY(!areaA->builder()->hasUnsavedChanges());

        // B had no unsaved changes since its save: it follows A's version by itself.
        QTRY_COMPARE_WITH_TIMEOUT(areaB->builder()->editor()->ruleJson(),
                                  segments::ruleToJson(ordersAtLeast(2)), 5000);
        QVERIFY(!areaB->builder()->hasUnsavedChanges());
    }

    void anEmptyWorkspaceOpensOnImport()
    {
        openWindow(m_window);
        m_window->showPage(MainWindow::Page::Segments);
        const QString empty = m_store.filePath(QStringLiteral("empty.awb"));
        QVERIFY(m_window->workspace().create(empty));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->dataArea()->isImportPromptShown(), kWaitMs);
        QVERIFY(m_window->dataArea()->isVisible());
        test::maybeScreenshot(m_window.get(), QStringLiteral("import-prompt-1280"));
        m_window->resize(900, 600);
        QTest::qWait(50);
        test::maybeScreenshot(m_window.get(), QStringLiteral("import-prompt-900"));
        m_window->resize(1280, 800);
        QTest::mouseClick(test::child<QAbstractButton>(m_window.get(), "importPromptButton"), Qt::LeftButton);
        QPointer<ui::ImportWizard> wizard = m_window->findChild<ui::ImportWizard *>();
        QVERIFY(wizard);
        wizard->reject();
        // A workspace with events shows its tables.
        QVERIFY(m_window->openWorkspace(m_workspace));
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->dataArea()->isImportPromptShown(), kWaitMs);
    }

    void theEditMenuUndoesTheBuilder()
    {
        SegmentBuilder *builder = openWindowWithEditedSegment(m_window, QStringLiteral("Repeat buyers"));
        QVERIFY(builder);
        auto *edit = test::child<QMenu>(m_window.get(), "editMenu");
        QAction *undo = builder->editor()->undoAction();
        QVERIFY(edit->actions().contains(undo));
        emit edit->aboutToShow();
        QVERIFY(undo->isEnabled());
        test::maybeScreenshot(m_window.get(), QStringLiteral("builder-unsaved-1280"));
        m_window->resize(900, 600);
        QTest::qWait(50);
        test::maybeScreenshot(m_window.get(), QStringLiteral("builder-unsaved-900"));
        undo->trigger();
        emit edit->aboutToHide();
        QVERIFY(!builder->hasUnsavedChanges());
        // Out of sight, the builder's steps are not offered.
        builder->editor()->setRule(ordersAtLeast(4), QStringLiteral("edit"));
        m_window->showPage(MainWindow::Page::Data);
        emit edit->aboutToShow();
        QVERIFY(!undo->isEnabled());
        emit edit->aboutToHide();
        QVERIFY(undo->isEnabled());
        builder->discardChanges();
    }

private:
    services::SegmentService service() const { return services::SegmentService(m_workspace.toStdString()); }

    void openWindow(std::unique_ptr<MainWindow> &window)
    {
        window = std::make_unique<MainWindow>(*m_settings);
        window->resize(1280, 800);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QVERIFY(window->openWorkspace(m_workspace));
    }

    /// Shows the Segments area and waits until its traits are loaded.
    static bool showSegments(MainWindow &window)
    {
        SegmentsArea *area = window.segmentsArea();
        QSignalSpy loaded(&area->live(), &ui::LiveEvaluation::loaded);
        window.showPage(MainWindow::Page::Segments);
        return area->live().isLoaded() || loaded.wait(kWaitMs);
    }

    /// A window on the workspace showing a new segment with an unsaved rule, named name.
    SegmentBuilder *openWindowWithEditedSegment(std::unique_ptr<MainWindow> &window, const QString &name)
    {
        openWindow(window);
        if (!window) {
            return nullptr;
        }
        if (!showSegments(*window)) {
            return nullptr;
        }
        SegmentsArea *area = window->segmentsArea();
        area->newSegment();
        SegmentBuilder *builder = area->builder();
        builder->setName(name);
        builder->editor()->setRule(ordersAtLeast(2), QStringLiteral("edit"));
        return builder->hasUnsavedChanges() ? builder : nullptr;
    }

    test::SampleStoreFixture m_store;
    QString m_workspace;
    std::unique_ptr<settings::Settings> m_settings;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<MainWindow> m_second;
};

QTEST_MAIN(TestDesktopSafety)
#include "tst_DesktopSafety.moc"
