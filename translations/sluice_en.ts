<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>sluice::ui::DlqBrowser</name>
    <message numerus="yes">
        <source>%n loaded</source>
        <translation>
            <numerusform>%n loaded</numerusform>
            <numerusform>%n loaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Replay %n entry(s) from another state</source>
        <translation>
            <numerusform>Replay %n entry from another state</numerusform>
            <numerusform>Replay %n entries from another state</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Discard %n DLQ entry(s)? They stay in the store with their history, marked discarded, and are no longer replayed.</source>
        <translation>
            <numerusform>Discard %n DLQ entry? It stays in the store with its history, marked discarded, and is no longer replayed.</numerusform>
            <numerusform>Discard %n DLQ entries? They stay in the store with their history, marked discarded, and are no longer replayed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) exported to %1</source>
        <translation>
            <numerusform>%n entry exported to %1</numerusform>
            <numerusform>%n entries exported to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::EditorDocument</name>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n rule</numerusform>
            <numerusform>%n rules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n branch(es)</source>
        <translation>
            <numerusform>%n branch</numerusform>
            <numerusform>%n branches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n state(s)</source>
        <translation>
            <numerusform>Delete %n state</numerusform>
            <numerusform>Delete %n states</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n state(s)</source>
        <translation>
            <numerusform>Paste %n state</numerusform>
            <numerusform>Paste %n states</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::ExecutionHistoryView</name>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n event</numerusform>
            <numerusform>%n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) loaded; scroll for more</source>
        <translation>
            <numerusform>%n event loaded; scroll for more</numerusform>
            <numerusform>%n events loaded; scroll for more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::ItemDetailView</name>
    <message numerus="yes">
        <source>Item %1: %n event(s)</source>
        <translation>
            <numerusform>Item %1: %n event</numerusform>
            <numerusform>Item %1: %n events</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Diff (%n change(s))</source>
        <translation>
            <numerusform>Diff (%n change)</numerusform>
            <numerusform>Diff (%n changes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::ItemsPanel</name>
    <message numerus="yes">
        <source>%n item(s) match the filter</source>
        <translation>
            <numerusform>%n item matches the filter</numerusform>
            <numerusform>%n items match the filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::JsonTreeView</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n element(s)]</source>
        <translation>
            <numerusform>[%n element]</numerusform>
            <numerusform>[%n elements]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more not shown</source>
        <translation>
            <numerusform>… %n more not shown</numerusform>
            <numerusform>… %n more not shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n state(s)</source>
        <translation>
            <numerusform>%n state</numerusform>
            <numerusform>%n states</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n state(s) use Sluice&apos;s own resources, which AWS Step Functions does not accept. Replace them with AWS resources before deploying.</source>
        <translation>
            <numerusform>%n state uses Sluice&apos;s own resources, which AWS Step Functions does not accept. Replace them with AWS resources before deploying.</numerusform>
            <numerusform>%n states use Sluice&apos;s own resources, which AWS Step Functions does not accept. Replace them with AWS resources before deploying.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed %n unfinished run(s).</source>
        <translation>
            <numerusform>Resumed %n unfinished run.</numerusform>
            <numerusform>Resumed %n unfinished runs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s) failed.</source>
        <translation>
            <numerusform>%1: %n item failed.</numerusform>
            <numerusform>%1: %n items failed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::RunView</name>
    <message numerus="yes">
        <source>Finished: %n item(s)</source>
        <translation>
            <numerusform>Finished: %n item</numerusform>
            <numerusform>Finished: %n items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::StateInspector</name>
    <message numerus="yes">
        <source>%n branch(es)</source>
        <translation>
            <numerusform>%n branch</numerusform>
            <numerusform>%n branches</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::StateTreeModel</name>
    <message numerus="yes">
        <source>%n state(s)</source>
        <translation>
            <numerusform>%n state</numerusform>
            <numerusform>%n states</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n rule</numerusform>
            <numerusform>%n rules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n branch(es)</source>
        <translation>
            <numerusform>%n branch</numerusform>
            <numerusform>%n branches</numerusform>
        </translation>
    </message>
</context>
</TS>
