<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Design, run and monitor ETL workflows.</source>
        <translation>ETL-Workflows entwerfen, ausführen und überwachen.</translation>
    </message>
    <message>
        <source>Render the window to FILE (PNG) and exit.</source>
        <translation>Das Fenster als PNG-Bild in FILE speichern und beenden.</translation>
    </message>
    <message>
        <source>An ASL definition to open.</source>
        <translation>Eine zu öffnende ASL-Definition.</translation>
    </message>
</context>
<context>
    <name>sluice::ui::DefinitionView</name>
    <message>
        <source>Open a workflow definition (File &gt; Open…) to see it here.</source>
        <translation>Öffnen Sie eine Workflow-Definition (Datei &gt; Öffnen…), um sie hier zu sehen.</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ErrorText</name>
    <message>
        <source>Not JSON</source>
        <translation>Kein JSON</translation>
    </message>
    <message>
        <source>Invalid definition</source>
        <translation>Ungültige Definition</translation>
    </message>
    <message>
        <source>Unknown field</source>
        <translation>Unbekanntes Feld</translation>
    </message>
    <message>
        <source>Missing field</source>
        <translation>Fehlendes Feld</translation>
    </message>
    <message>
        <source>Wrong type</source>
        <translation>Falscher Typ</translation>
    </message>
    <message>
        <source>Unknown state</source>
        <translation>Unbekannter Zustand</translation>
    </message>
    <message>
        <source>Unreachable state</source>
        <translation>Unerreichbarer Zustand</translation>
    </message>
    <message>
        <source>Invalid path</source>
        <translation>Ungültiger Pfad</translation>
    </message>
    <message>
        <source>Invalid payload template</source>
        <translation>Ungültige Payload-Vorlage</translation>
    </message>
    <message>
        <source>Invalid intrinsic function</source>
        <translation>Ungültige intrinsische Funktion</translation>
    </message>
    <message>
        <source>Invalid Choice rule</source>
        <translation>Ungültige Choice-Regel</translation>
    </message>
    <message>
        <source>Input/output error</source>
        <translation>Ein-/Ausgabefehler</translation>
    </message>
    <message>
        <source>Invalid argument</source>
        <translation>Ungültiges Argument</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>sluice::ui::MainWindow</name>
    <message>
        <source>Sluice</source>
        <translation>Sluice</translation>
    </message>
    <message>
        <source>States</source>
        <translation>Zustände</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a workflow definition (.asl.json)</source>
        <translation>Eine Workflow-Definition (.asl.json) öffnen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>&amp;Neu laden</translation>
    </message>
    <message>
        <source>Read the definition again from disk</source>
        <translation>Die Definition erneut von der Festplatte lesen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Sluice</source>
        <translation>Ü&amp;ber Sluice</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Cannot open %1: the file does not exist.</source>
        <translation>%1 kann nicht geöffnet werden: Die Datei existiert nicht.</translation>
    </message>
    <message>
        <source>Cannot open %1: it is not a file.</source>
        <translation>%1 kann nicht geöffnet werden: Das ist keine Datei.</translation>
    </message>
    <message>
        <source>Cannot open %1: permission denied.</source>
        <translation>%1 kann nicht geöffnet werden: Zugriff verweigert.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 – Sluice</source>
        <translation>%1 – Sluice</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message numerus="yes">
        <source>%n state(s)</source>
        <translation>
            <numerusform>%n Zustand</numerusform>
            <numerusform>%n Zustände</numerusform>
        </translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Gültig</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>Probleme (%1)</translation>
    </message>
    <message>
        <source>Open Workflow</source>
        <translation>Workflow öffnen</translation>
    </message>
    <message>
        <source>Workflow definitions (*.asl.json *.json);;All files (*)</source>
        <translation>Workflow-Definitionen (*.asl.json *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>About Sluice</source>
        <translation>Über Sluice</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sluice %1&lt;/h3&gt;&lt;p&gt;Design, run and monitor ETL workflows written in the Amazon States Language.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Sluice %1&lt;/h3&gt;&lt;p&gt;ETL-Workflows in der Amazon States Language entwerfen, ausführen und überwachen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>This state&apos;s position in the text is unknown.</source>
        <translation>Die Position dieses Zustands im Text ist unbekannt.</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ProblemListModel</name>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>Line:Col</source>
        <translation>Zeile:Spalte</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Pointer</source>
        <translation>Zeiger</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>sluice::ui::RecentFiles</name>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
        <source>Clear Menu</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>sluice::ui::StateTreeModel</name>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message numerus="yes">
        <source>%n state(s)</source>
        <translation>
            <numerusform>%n Zustand</numerusform>
            <numerusform>%n Zustände</numerusform>
        </translation>
    </message>
    <message>
        <source>No type</source>
        <translation>Kein Typ</translation>
    </message>
    <message>
        <source>Unknown type &quot;%1&quot;</source>
        <translation>Unbekannter Typ „%1“</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Seconds from %1</source>
        <translation>Sekunden aus %1</translation>
    </message>
    <message>
        <source>Until %1</source>
        <translation>Bis %1</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n Regel</numerusform>
            <numerusform>%n Regeln</numerusform>
        </translation>
    </message>
    <message>
        <source>Distributed</source>
        <translation>Verteilt</translation>
    </message>
    <message>
        <source>Inline</source>
        <translation>Inline</translation>
    </message>
    <message numerus="yes">
        <source>%n branch(es)</source>
        <translation>
            <numerusform>%n Zweig</numerusform>
            <numerusform>%n Zweige</numerusform>
        </translation>
    </message>
    <message>
        <source>Branch %1</source>
        <translation>Zweig %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
</TS>
