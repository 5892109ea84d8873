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
    <name>sluice::definition::Parser</name>
    <message>
        <source>The state name &apos;%1&apos; is used more than once in this state machine; state names must be unique</source>
        <translation>Der Zustandsname &apos;%1&apos; kommt in diesem Zustandsautomaten mehrfach vor; Zustandsnamen müssen eindeutig sein</translation>
    </message>
    <message>
        <source>The field &apos;%1&apos; is written more than once in this object; Step Functions refuses duplicate keys</source>
        <translation>Das Feld &apos;%1&apos; steht mehrfach in diesem Objekt; Step Functions lehnt doppelte Schlüssel ab</translation>
    </message>
    <message>
        <source>A state machine definition must be a JSON object with StartAt and States, not %1</source>
        <translation>Eine Zustandsautomaten-Definition muss ein JSON-Objekt mit StartAt und States sein, nicht %1</translation>
    </message>
    <message>
        <source>Version must be a string such as &quot;1.0&quot;, not %1</source>
        <translation>Version muss eine Zeichenkette wie &quot;1.0&quot; sein, nicht %1</translation>
    </message>
    <message>
        <source>Field &apos;%1&apos; is not allowed in %2</source>
        <translation>Das Feld &apos;%1&apos; ist in %2 nicht erlaubt</translation>
    </message>
    <message>
        <source>; did you mean &apos;%1&apos;?</source>
        <translation>; meinten Sie &apos;%1&apos;?</translation>
    </message>
    <message>
        <source>%1 is required here</source>
        <translation>%1 ist hier erforderlich</translation>
    </message>
    <message>
        <source>%1 is required: %2</source>
        <translation>%1 ist erforderlich: %2</translation>
    </message>
    <message>
        <source>%1 must be a string, not %2</source>
        <translation>%1 muss eine Zeichenkette sein, nicht %2</translation>
    </message>
    <message>
        <source>a whole number from 0 to %1</source>
        <translation>eine ganze Zahl von 0 bis %1</translation>
    </message>
    <message>
        <source>a positive whole number (at most %1)</source>
        <translation>eine positive ganze Zahl (höchstens %1)</translation>
    </message>
    <message>
        <source>%1 must be %2, not %3</source>
        <translation>%1 muss %2 sein, nicht %3</translation>
    </message>
    <message>
        <source>%1 must be a string holding a %2, not %3</source>
        <translation>%1 muss eine Zeichenkette mit einem %2 sein, nicht %3</translation>
    </message>
    <message>
        <source>reference path such as &quot;$.result&quot;</source>
        <translation>Referenzpfad wie &quot;$.result&quot;</translation>
    </message>
    <message>
        <source>path such as &quot;$.items&quot;</source>
        <translation>Pfad wie &quot;$.items&quot;</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not a valid %3: %4</source>
        <translation>%1 &apos;%2&apos; ist kein gültiger %3: %4</translation>
    </message>
    <message>
        <source>reference path</source>
        <translation>Referenzpfad</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Use %1 or %2, not both</source>
        <translation>Verwenden Sie %1 oder %2, nicht beides</translation>
    </message>
    <message>
        <source>%1 must be a number from %2 to %3, not %4</source>
        <translation>%1 muss eine Zahl von %2 bis %3 sein, nicht %4</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>QueryLanguage &quot;JSONata&quot; is not supported yet; Sluice runs JSONPath definitions (remove QueryLanguage or set it to &quot;JSONPath&quot;)</source>
        <translation>QueryLanguage &quot;JSONata&quot; wird noch nicht unterstützt; Sluice führt JSONPath-Definitionen aus (entfernen Sie QueryLanguage oder setzen Sie es auf &quot;JSONPath&quot;)</translation>
    </message>
    <message>
        <source>QueryLanguage must be &quot;JSONPath&quot; (or &quot;JSONata&quot;, not supported yet), not %1</source>
        <translation>QueryLanguage muss &quot;JSONPath&quot; sein (oder &quot;JSONata&quot;, noch nicht unterstützt), nicht %1</translation>
    </message>
    <message>
        <source>%1 must be one of %2, not %3</source>
        <translation>%1 muss einer der Werte %2 sein, nicht %3</translation>
    </message>
    <message>
        <source>A state machine must be an object with StartAt and States, not %1</source>
        <translation>Ein Zustandsautomat muss ein Objekt mit StartAt und States sein, nicht %1</translation>
    </message>
    <message>
        <source>a state machine definition</source>
        <translation>einer Zustandsautomaten-Definition</translation>
    </message>
    <message>
        <source>a Parallel branch</source>
        <translation>einem Parallel-Zweig</translation>
    </message>
    <message>
        <source>an ItemProcessor</source>
        <translation>einem ItemProcessor</translation>
    </message>
    <message>
        <source>an Iterator</source>
        <translation>einem Iterator</translation>
    </message>
    <message>
        <source>the name of the state to run first</source>
        <translation>der Name des Zustands, der zuerst läuft</translation>
    </message>
    <message>
        <source>States is required: an object of named states</source>
        <translation>States ist erforderlich: ein Objekt mit benannten Zuständen</translation>
    </message>
    <message>
        <source>States must be an object that maps state names to states, not %1</source>
        <translation>States muss ein Objekt sein, das Zustandsnamen auf Zustände abbildet, nicht %1</translation>
    </message>
    <message>
        <source>The state &apos;%1&apos; can never run: no path from StartAt (&apos;%2&apos;) leads to it</source>
        <translation>Der Zustand &apos;%1&apos; kann nie laufen: Kein Weg von StartAt (&apos;%2&apos;) führt zu ihm</translation>
    </message>
    <message>
        <source>%1 names &apos;%2&apos;, which is not a state in this state machine</source>
        <translation>%1 nennt &apos;%2&apos;, aber das ist kein Zustand dieses Zustandsautomaten</translation>
    </message>
    <message>
        <source> (it is a state of another state machine: a transition cannot enter or leave a Parallel branch or a Map&apos;s item processor)</source>
        <translation> (es ist ein Zustand eines anderen Zustandsautomaten: Ein Übergang kann weder in einen Parallel-Zweig oder den Item-Processor einer Map hinein- noch aus ihm herausführen)</translation>
    </message>
    <message>
        <source>The state name &apos;%1&apos; has %2 characters; a state name must have 1 to %3</source>
        <translation>Der Zustandsname &apos;%1&apos; hat %2 Zeichen; ein Zustandsname muss 1 bis %3 Zeichen haben</translation>
    </message>
    <message>
        <source>The state &apos;%1&apos; must be an object, not %2</source>
        <translation>Der Zustand &apos;%1&apos; muss ein Objekt sein, nicht %2</translation>
    </message>
    <message>
        <source>The state &apos;%1&apos; has no Type; it must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map</source>
        <translation>Der Zustand &apos;%1&apos; hat keinen Type; er muss Pass, Task, Choice, Wait, Succeed, Fail, Parallel oder Map sein</translation>
    </message>
    <message>
        <source>Type must be a string such as &quot;Task&quot;, not %1</source>
        <translation>Type muss eine Zeichenkette wie &quot;Task&quot; sein, nicht %1</translation>
    </message>
    <message>
        <source>Field &apos;%1&apos; is not allowed in a %2 state</source>
        <translation>Das Feld &apos;%1&apos; ist in einem %2-Zustand nicht erlaubt</translation>
    </message>
    <message>
        <source> (a Choice state names its next states in each rule&apos;s Next and in Default)</source>
        <translation> (ein Choice-Zustand nennt seine Folgezustände im Next jeder Regel und in Default)</translation>
    </message>
    <message>
        <source> (a %1 state always ends its state machine)</source>
        <translation> (ein %1-Zustand beendet immer seinen Zustandsautomaten)</translation>
    </message>
    <message>
        <source>A %1 state has either Next or End, not both</source>
        <translation>Ein %1-Zustand hat entweder Next oder End, nicht beides</translation>
    </message>
    <message>
        <source>A %1 state needs Next (the state to run after it) or &quot;End&quot;: true</source>
        <translation>Ein %1-Zustand braucht Next (den Zustand, der danach läuft) oder &quot;End&quot;: true</translation>
    </message>
    <message>
        <source>End must be true, not %1</source>
        <translation>End muss true sein, nicht %1</translation>
    </message>
    <message>
        <source>End must be true when present; to continue to another state, use Next instead</source>
        <translation>End muss true sein, wenn es angegeben ist; um mit einem anderen Zustand fortzufahren, verwenden Sie stattdessen Next</translation>
    </message>
    <message>
        <source>Next must be the name of a state (a string), not %1</source>
        <translation>Next muss der Name eines Zustands (eine Zeichenkette) sein, nicht %1</translation>
    </message>
    <message>
        <source>ErrorEquals is required: the error names to match, such as [&quot;States.ALL&quot;]</source>
        <translation>ErrorEquals ist erforderlich: die Fehlernamen, die passen sollen, etwa [&quot;States.ALL&quot;]</translation>
    </message>
    <message>
        <source>ErrorEquals must be a non-empty array of error names, not %1</source>
        <translation>ErrorEquals muss ein nicht leeres Array von Fehlernamen sein, nicht %1</translation>
    </message>
    <message>
        <source>An error name must be a non-empty string, not %1</source>
        <translation>Ein Fehlername muss eine nicht leere Zeichenkette sein, nicht %1</translation>
    </message>
    <message>
        <source>States.ALL must be the only error name in its ErrorEquals (it already matches every error)</source>
        <translation>States.ALL muss der einzige Fehlername in seinem ErrorEquals sein (es passt bereits auf jeden Fehler)</translation>
    </message>
    <message>
        <source>Retry must be an array of retriers, not %1</source>
        <translation>Retry muss ein Array von Retriern sein, nicht %1</translation>
    </message>
    <message>
        <source>A retrier must be an object with ErrorEquals, not %1</source>
        <translation>Ein Retrier muss ein Objekt mit ErrorEquals sein, nicht %1</translation>
    </message>
    <message>
        <source>a retrier</source>
        <translation>einem Retrier</translation>
    </message>
    <message>
        <source>A retrier that matches States.ALL must be the last one in Retry</source>
        <translation>Ein Retrier, der auf States.ALL passt, muss der letzte in Retry sein</translation>
    </message>
    <message>
        <source>BackoffRate must be a number of at least 1.0, not %1</source>
        <translation>BackoffRate muss eine Zahl von mindestens 1.0 sein, nicht %1</translation>
    </message>
    <message>
        <source>Catch must be an array of catchers, not %1</source>
        <translation>Catch muss ein Array von Catchern sein, nicht %1</translation>
    </message>
    <message>
        <source>A catcher must be an object with ErrorEquals and Next, not %1</source>
        <translation>Ein Catcher muss ein Objekt mit ErrorEquals und Next sein, nicht %1</translation>
    </message>
    <message>
        <source>a catcher</source>
        <translation>einem Catcher</translation>
    </message>
    <message>
        <source>A catcher that matches States.ALL must be the last one in Catch</source>
        <translation>Ein Catcher, der auf States.ALL passt, muss der letzte in Catch sein</translation>
    </message>
    <message>
        <source>the state to run when the error is caught</source>
        <translation>der Zustand, der läuft, wenn der Fehler abgefangen wird</translation>
    </message>
    <message>
        <source>the task to run, such as &quot;sluice:http&quot; or an AWS ARN</source>
        <translation>die auszuführende Aufgabe, etwa &quot;sluice:http&quot; oder ein AWS-ARN</translation>
    </message>
    <message>
        <source>Resource must be a URI such as &quot;sluice:http&quot; or an AWS ARN, not %1</source>
        <translation>Resource muss ein URI wie &quot;sluice:http&quot; oder ein AWS-ARN sein, nicht %1</translation>
    </message>
    <message>
        <source>HeartbeatSeconds (%1) must be smaller than TimeoutSeconds (%2)</source>
        <translation>HeartbeatSeconds (%1) muss kleiner als TimeoutSeconds (%2) sein</translation>
    </message>
    <message>
        <source>Choices is required: a non-empty array of Choice rules</source>
        <translation>Choices ist erforderlich: ein nicht leeres Array von Choice-Regeln</translation>
    </message>
    <message>
        <source>Choices must be a non-empty array of Choice rules, not %1</source>
        <translation>Choices muss ein nicht leeres Array von Choice-Regeln sein, nicht %1</translation>
    </message>
    <message>
        <source>A Choice rule must be an object, not %1</source>
        <translation>Eine Choice-Regel muss ein Objekt sein, nicht %1</translation>
    </message>
    <message>
        <source>Field &apos;%1&apos; is not allowed in a Choice rule</source>
        <translation>Das Feld &apos;%1&apos; ist in einer Choice-Regel nicht erlaubt</translation>
    </message>
    <message>
        <source>the state to run when this rule matches</source>
        <translation>der Zustand, der läuft, wenn diese Regel zutrifft</translation>
    </message>
    <message>
        <source>Only top-level Choice rules have Next; a rule inside And, Or or Not must not</source>
        <translation>Nur Choice-Regeln der obersten Ebene haben Next; eine Regel innerhalb von And, Or oder Not darf keins haben</translation>
    </message>
    <message>
        <source>This Choice rule has no comparison (such as StringEquals or NumericGreaterThan) and no And, Or or Not</source>
        <translation>Diese Choice-Regel hat keinen Vergleich (etwa StringEquals oder NumericGreaterThan) und kein And, Or oder Not</translation>
    </message>
    <message>
        <source>A Choice rule holds exactly one comparison or And/Or/Not; this one has both &apos;%1&apos; and &apos;%2&apos; (combine them with And)</source>
        <translation>Eine Choice-Regel enthält genau einen Vergleich oder And/Or/Not; diese hat sowohl &apos;%1&apos; als auch &apos;%2&apos; (verknüpfen Sie sie mit And)</translation>
    </message>
    <message>
        <source>Variable does not belong in a rule with %1; put it in the nested comparisons</source>
        <translation>Variable gehört nicht in eine Regel mit %1; setzen Sie es in die verschachtelten Vergleiche</translation>
    </message>
    <message>
        <source>Not must hold one Choice rule (an object), not %1</source>
        <translation>Not muss genau eine Choice-Regel (ein Objekt) enthalten, nicht %1</translation>
    </message>
    <message>
        <source>%1 must be a non-empty array of Choice rules, not %2</source>
        <translation>%1 muss ein nicht leeres Array von Choice-Regeln sein, nicht %2</translation>
    </message>
    <message>
        <source>This comparison (%1) needs a Variable: the path of the value to compare</source>
        <translation>Dieser Vergleich (%1) braucht eine Variable: den Pfad des zu vergleichenden Werts</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>einer Zeichenkette</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>einer Zahl</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true oder false</translation>
    </message>
    <message>
        <source>an RFC 3339 timestamp such as &quot;2016-03-14T01:59:00Z&quot;</source>
        <translation>einem RFC-3339-Zeitstempel wie &quot;2016-03-14T01:59:00Z&quot;</translation>
    </message>
    <message>
        <source>%1 compares with %2, not %3</source>
        <translation>%1 vergleicht mit %2, nicht mit %3</translation>
    </message>
    <message>
        <source>A Wait state needs one of Seconds, Timestamp, SecondsPath or TimestampPath</source>
        <translation>Ein Wait-Zustand braucht eines von Seconds, Timestamp, SecondsPath oder TimestampPath</translation>
    </message>
    <message>
        <source>A Wait state takes exactly one of Seconds, Timestamp, SecondsPath and TimestampPath; this one has both %1 and %2</source>
        <translation>Ein Wait-Zustand nimmt genau eines von Seconds, Timestamp, SecondsPath und TimestampPath; dieser hat sowohl %1 als auch %2</translation>
    </message>
    <message>
        <source>Timestamp must be an RFC 3339 timestamp such as &quot;2016-03-14T01:59:00Z&quot;, not %1</source>
        <translation>Timestamp muss ein RFC-3339-Zeitstempel wie &quot;2016-03-14T01:59:00Z&quot; sein, nicht %1</translation>
    </message>
    <message>
        <source>Branches is required: a non-empty array of state machines to run in parallel</source>
        <translation>Branches ist erforderlich: ein nicht leeres Array von Zustandsautomaten, die parallel laufen</translation>
    </message>
    <message>
        <source>Branches must be a non-empty array of state machines, not %1</source>
        <translation>Branches muss ein nicht leeres Array von Zustandsautomaten sein, nicht %1</translation>
    </message>
    <message>
        <source>%1 is only allowed in a distributed Map (set ItemProcessor.ProcessorConfig.Mode to &quot;DISTRIBUTED&quot;)</source>
        <translation>%1 ist nur in einer verteilten Map erlaubt (setzen Sie ItemProcessor.ProcessorConfig.Mode auf &quot;DISTRIBUTED&quot;)</translation>
    </message>
    <message>
        <source>Use ItemProcessor or the older Iterator, not both</source>
        <translation>Verwenden Sie ItemProcessor oder das ältere Iterator, nicht beides</translation>
    </message>
    <message>
        <source>A Map state needs an ItemProcessor: the states to run for each item</source>
        <translation>Ein Map-Zustand braucht einen ItemProcessor: die Zustände, die für jedes Element laufen</translation>
    </message>
    <message>
        <source>Use ItemSelector or the older Parameters, not both</source>
        <translation>Verwenden Sie ItemSelector oder das ältere Parameters, nicht beides</translation>
    </message>
    <message>
        <source>Label must have at most %1 characters</source>
        <translation>Label darf höchstens %1 Zeichen haben</translation>
    </message>
    <message>
        <source>ProcessorConfig must be an object, not %1</source>
        <translation>ProcessorConfig muss ein Objekt sein, nicht %1</translation>
    </message>
    <message>
        <source>ProcessorConfig</source>
        <translation>ProcessorConfig</translation>
    </message>
    <message>
        <source>A distributed Map needs ProcessorConfig.ExecutionType: &quot;STANDARD&quot; or &quot;EXPRESS&quot;</source>
        <translation>Eine verteilte Map braucht ProcessorConfig.ExecutionType: &quot;STANDARD&quot; oder &quot;EXPRESS&quot;</translation>
    </message>
    <message>
        <source>ItemReader must be an object with Resource, not %1</source>
        <translation>ItemReader muss ein Objekt mit Resource sein, nicht %1</translation>
    </message>
    <message>
        <source>an ItemReader</source>
        <translation>einem ItemReader</translation>
    </message>
    <message>
        <source>where the items come from, such as &quot;sluice:file.read&quot;</source>
        <translation>woher die Elemente kommen, etwa &quot;sluice:file.read&quot;</translation>
    </message>
    <message>
        <source>ReaderConfig must be an object, not %1</source>
        <translation>ReaderConfig muss ein Objekt sein, nicht %1</translation>
    </message>
    <message>
        <source>ReaderConfig</source>
        <translation>ReaderConfig</translation>
    </message>
    <message>
        <source>CSVHeaders must be a non-empty array of column names, not %1</source>
        <translation>CSVHeaders muss ein nicht leeres Array von Spaltennamen sein, nicht %1</translation>
    </message>
    <message>
        <source>CSVHeaderLocation &quot;GIVEN&quot; needs CSVHeaders: the column names</source>
        <translation>CSVHeaderLocation &quot;GIVEN&quot; braucht CSVHeaders: die Spaltennamen</translation>
    </message>
    <message>
        <source>ItemBatcher must be an object, not %1</source>
        <translation>ItemBatcher muss ein Objekt sein, nicht %1</translation>
    </message>
    <message>
        <source>an ItemBatcher</source>
        <translation>einem ItemBatcher</translation>
    </message>
    <message>
        <source>An ItemBatcher needs MaxItemsPerBatch or MaxInputBytesPerBatch (or their Path forms)</source>
        <translation>Ein ItemBatcher braucht MaxItemsPerBatch oder MaxInputBytesPerBatch (oder deren Path-Formen)</translation>
    </message>
    <message>
        <source>BatchInput must be an object, not %1</source>
        <translation>BatchInput muss ein Objekt sein, nicht %1</translation>
    </message>
    <message>
        <source>ResultWriter must be an object with Resource, not %1</source>
        <translation>ResultWriter muss ein Objekt mit Resource sein, nicht %1</translation>
    </message>
    <message>
        <source>a ResultWriter</source>
        <translation>einem ResultWriter</translation>
    </message>
    <message>
        <source>where the results go, such as &quot;sluice:file.write&quot;</source>
        <translation>wohin die Ergebnisse gehen, etwa &quot;sluice:file.write&quot;</translation>
    </message>
    <message>
        <source>The definition is not valid JSON: %1</source>
        <translation>Die Definition ist kein gültiges JSON: %1</translation>
    </message>
    <message>
        <source>The definition could not be read: %1</source>
        <translation>Die Definition konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Type &apos;%1&apos; is not a state type; it must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map</source>
        <translation>Type &apos;%1&apos; ist kein Zustandstyp; er muss Pass, Task, Choice, Wait, Succeed, Fail, Parallel oder Map sein</translation>
    </message>
    <message>
        <source>%1 can use only an intrinsic function that returns a string (States.Format, States.JsonToString, States.ArrayGetItem, States.Base64Encode, States.Base64Decode, States.Hash or States.UUID), not %2</source>
        <translation>%1 kann nur eine eingebaute Funktion verwenden, die eine Zeichenkette liefert (States.Format, States.JsonToString, States.ArrayGetItem, States.Base64Encode, States.Base64Decode, States.Hash oder States.UUID), nicht %2</translation>
    </message>
    <message>
        <source>Use ItemsPath (items from the state input) or ItemReader (items from a file), not both</source>
        <translation>Verwenden Sie ItemsPath (Elemente aus der Zustandseingabe) oder ItemReader (Elemente aus einer Datei), nicht beides</translation>
    </message>
</context>
<context>
    <name>sluice::definition::YamlReader</name>
    <message>
        <source>a mapping key must be a plain value (JSON keys are strings), not a mapping</source>
        <translation>ein Schlüssel muss ein einfacher Wert sein (JSON-Schlüssel sind Zeichenketten), keine Zuordnung</translation>
    </message>
    <message>
        <source>a mapping key must be a plain value (JSON keys are strings), not a list</source>
        <translation>ein Schlüssel muss ein einfacher Wert sein (JSON-Schlüssel sind Zeichenketten), keine Liste</translation>
    </message>
    <message>
        <source>the YAML nests deeper than %1 levels (or an alias refers to itself), which is not supported</source>
        <translation>das YAML ist tiefer als %1 Ebenen verschachtelt (oder ein Alias verweist auf sich selbst); das wird nicht unterstützt</translation>
    </message>
    <message>
        <source>the YAML expands to more than %1 values through its aliases</source>
        <translation>das YAML ergibt über seine Aliase mehr als %1 Werte</translation>
    </message>
    <message>
        <source>a YAML value could not be read</source>
        <translation>ein YAML-Wert konnte nicht gelesen werden</translation>
    </message>
    <message>
        <source>the key &quot;%1&quot; appears twice in one mapping</source>
        <translation>der Schlüssel „%1“ kommt in einer Zuordnung zweimal vor</translation>
    </message>
    <message>
        <source>a merge key (&lt;&lt;) takes a mapping or a list of mappings</source>
        <translation>ein Merge-Schlüssel (&lt;&lt;) nimmt eine Zuordnung oder eine Liste von Zuordnungen</translation>
    </message>
    <message>
        <source>the YAML tag %1 is not supported (a definition holds plain JSON values; CloudFormation&apos;s !Sub, !Ref and !GetAtt are resolved by CloudFormation before Step Functions sees the definition)</source>
        <translation>das YAML-Tag %1 wird nicht unterstützt (eine Definition enthält einfache JSON-Werte; !Sub, !Ref und !GetAtt von CloudFormation löst CloudFormation auf, bevor Step Functions die Definition sieht)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an integer</source>
        <translation>„%1“ ist keine ganze Zahl</translation>
    </message>
    <message>
        <source>&quot;%1&quot; (infinity or not-a-number) cannot be written in JSON</source>
        <translation>„%1“ (unendlich oder keine Zahl) lässt sich in JSON nicht schreiben</translation>
    </message>
    <message>
        <source>the number %1 is too large to be represented</source>
        <translation>die Zahl %1 ist zu groß, um dargestellt zu werden</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number</source>
        <translation>„%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a %2</source>
        <translation>„%1“ ist kein Wert vom Typ %2</translation>
    </message>
    <message>
        <source>not valid YAML (line %1, column %2): %3</source>
        <translation>kein gültiges YAML (Zeile %1, Spalte %2): %3</translation>
    </message>
    <message>
        <source>not valid YAML: %1</source>
        <translation>kein gültiges YAML: %1</translation>
    </message>
    <message>
        <source>the file holds no YAML document</source>
        <translation>die Datei enthält kein YAML-Dokument</translation>
    </message>
    <message>
        <source>the file holds %1 YAML documents (separated by ---); a definition is one</source>
        <translation>die Datei enthält %1 YAML-Dokumente (getrennt durch ---); eine Definition ist eines</translation>
    </message>
    <message>
        <source>a definition is a mapping (StartAt, States, ...), not a list</source>
        <translation>eine Definition ist eine Zuordnung (StartAt, States, ...), keine Liste</translation>
    </message>
    <message>
        <source>a definition is a mapping (StartAt, States, ...), not a single value</source>
        <translation>eine Definition ist eine Zuordnung (StartAt, States, ...), kein einzelner Wert</translation>
    </message>
</context>
<context>
    <name>sluice::ui</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Execution</source>
        <translation>Ausführung</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>First failure</source>
        <translation>Erster Fehlschlag</translation>
    </message>
    <message>
        <source>Last failure</source>
        <translation>Letzter Fehlschlag</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ChoiceRulesEditor</name>
    <message>
        <source>Add rule</source>
        <translation>Regel hinzufügen</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>Bedingung hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Compare with a path</source>
        <translation>Mit einem Pfad vergleichen</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Add a top-level rule with its own Next state</source>
        <translation>Eine Regel der obersten Ebene mit eigenem Folgezustand (Next) hinzufügen</translation>
    </message>
    <message>
        <source>Add a condition to the selected And/Or (a comparison becomes an And of itself and the new condition)</source>
        <translation>Der gewählten And/Or-Regel eine Bedingung hinzufügen (ein Vergleich wird zu einem And aus ihm selbst und der neuen Bedingung)</translation>
    </message>
    <message>
        <source>Remove the selected rule</source>
        <translation>Die gewählte Regel entfernen</translation>
    </message>
    <message>
        <source>Move the selected rule up (rules are checked in order)</source>
        <translation>Die gewählte Regel nach oben verschieben (Regeln werden der Reihe nach geprüft)</translation>
    </message>
    <message>
        <source>Move the selected rule down</source>
        <translation>Die gewählte Regel nach unten verschieben</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>And (all of)</source>
        <translation>And (alle)</translation>
    </message>
    <message>
        <source>Or (any of)</source>
        <translation>Or (eine davon)</translation>
    </message>
    <message>
        <source>Not</source>
        <translation>Not (nicht)</translation>
    </message>
    <message>
        <source>Variable: the path of the value to compare, such as $.price</source>
        <translation>Variable: der Pfad des zu vergleichenden Werts, etwa $.price</translation>
    </message>
    <message>
        <source>The comparison: String…, Numeric…, Boolean…, Timestamp… operators, StringMatches (with * wildcards) and the Is… type tests</source>
        <translation>Der Vergleich: die Operatoren String…, Numeric…, Boolean…, Timestamp…, StringMatches (mit *-Platzhaltern) und die Typprüfungen Is…</translation>
    </message>
    <message>
        <source>Use the operator&apos;s …Path form: the value is a path into the input</source>
        <translation>Die …Path-Form des Operators verwenden: der Wert ist ein Pfad in die Eingabe</translation>
    </message>
    <message>
        <source>The state to run when this rule matches</source>
        <translation>Der Zustand, der ausgeführt wird, wenn diese Regel zutrifft</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <source>Rule %1: %2</source>
        <translation>Regel %1: %2</translation>
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
    <name>sluice::ui::DlqBrowser</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%v of %m replayed</source>
        <translation>%v von %m erneut ausgeführt</translation>
    </message>
    <message>
        <source>Start no further entries; those in flight finish</source>
        <translation>Keine weiteren Einträge starten; laufende werden beendet</translation>
    </message>
    <message>
        <source>Open a store to browse its dead-letter queue.</source>
        <translation>Öffnen Sie einen Speicher, um seine Dead-Letter-Queue zu durchsuchen.</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Replay the selected entries from the state where they failed</source>
        <translation>Die ausgewählten Einträge ab dem Zustand erneut ausführen, in dem sie fehlschlugen</translation>
    </message>
    <message>
        <source>Replay all matching</source>
        <translation>Alle passenden erneut ausführen</translation>
    </message>
    <message>
        <source>Replay every open entry the filter (and the chosen group) selects</source>
        <translation>Jeden offenen Eintrag erneut ausführen, den der Filter (und die gewählte Gruppe) auswählt</translation>
    </message>
    <message>
        <source>Edit &amp;&amp; replay…</source>
        <translation>Bearbeiten &amp;&amp; erneut ausführen…</translation>
    </message>
    <message>
        <source>Edit the entry&apos;s input, then replay it</source>
        <translation>Die Eingabe des Eintrags bearbeiten und ihn dann erneut ausführen</translation>
    </message>
    <message>
        <source>Replay from state…</source>
        <translation>Ab Zustand erneut ausführen…</translation>
    </message>
    <message>
        <source>Replay the selected entries from another state of their workflow</source>
        <translation>Die ausgewählten Einträge ab einem anderen Zustand ihres Workflows erneut ausführen</translation>
    </message>
    <message>
        <source>On latest version</source>
        <translation>Auf neuester Version</translation>
    </message>
    <message>
        <source>Replays run on the newest version saved under the entry&apos;s workflow name</source>
        <translation>Erneute Ausführungen laufen auf der neuesten Version, die unter dem Workflow-Namen des Eintrags gespeichert ist</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Mark the selected entries discarded (they are kept)</source>
        <translation>Die ausgewählten Einträge als verworfen markieren (sie bleiben erhalten)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Write every entry the filter selects to a JSON Lines file, with its replays</source>
        <translation>Jeden vom Filter ausgewählten Eintrag mit seinen erneuten Ausführungen in eine JSON-Lines-Datei schreiben</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Read the DLQ again</source>
        <translation>Die DLQ neu lesen</translation>
    </message>
    <message>
        <source>Copy input</source>
        <translation>Eingabe kopieren</translation>
    </message>
    <message>
        <source>Copy the entry&apos;s input to the clipboard</source>
        <translation>Die Eingabe des Eintrags in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>The store could not be opened.</source>
        <translation>Der Speicher konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>No store is open.</source>
        <translation>Kein Speicher geöffnet.</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message numerus="yes">
        <source>%n loaded</source>
        <translation>
            <numerusform>%n geladen</numerusform>
            <numerusform>%n geladen</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 entries with %2 at %3 · %4</source>
        <translation>%1 Einträge mit %2 in %3 · %4</translation>
    </message>
    <message>
        <source>%1 entries in %2 groups · %3</source>
        <translation>%1 Einträge in %2 Gruppen · %3</translation>
    </message>
    <message>
        <source>Replaying…</source>
        <translation>Wird erneut ausgeführt…</translation>
    </message>
    <message>
        <source>Edit &amp; replay entry %1</source>
        <translation>Eintrag %1 bearbeiten und erneut ausführen</translation>
    </message>
    <message numerus="yes">
        <source>Replay %n entry(s) from another state</source>
        <translation>
            <numerusform>%n Eintrag ab einem anderen Zustand erneut ausführen</numerusform>
            <numerusform>%n Einträge ab einem anderen Zustand erneut ausführen</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling: replays in flight finish, no further ones start…</source>
        <translation>Abbruch: laufende erneute Ausführungen werden beendet, keine weiteren gestartet…</translation>
    </message>
    <message>
        <source>Discard entries</source>
        <translation>Einträge verwerfen</translation>
    </message>
    <message numerus="yes">
        <source>Discard %n DLQ entry(s)? They stay in the store with their history, marked discarded, and are no longer replayed.</source>
        <translation>
            <numerusform>%n DLQ-Eintrag verwerfen? Er bleibt mit seiner Geschichte im Speicher, als verworfen markiert, und wird nicht mehr erneut ausgeführt.</numerusform>
            <numerusform>%n DLQ-Einträge verwerfen? Sie bleiben mit ihrer Geschichte im Speicher, als verworfen markiert, und werden nicht mehr erneut ausgeführt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export DLQ entries</source>
        <translation>DLQ-Einträge exportieren</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>Export nach %1…</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s) exported to %1</source>
        <translation>
            <numerusform>%n Eintrag nach %1 exportiert</numerusform>
            <numerusform>%n Einträge nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Export to %1 failed: %2</source>
        <translation>Export nach %1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>sluice::ui::DlqDetailPane</name>
    <message>
        <source>The input the entry&apos;s state received: what a replay starts with.</source>
        <translation>Die Eingabe, die der Zustand des Eintrags erhielt: damit beginnt eine erneute Ausführung.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the input to the clipboard</source>
        <translation>Die Eingabe in die Zwischenablage kopieren</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>Replayed</source>
        <translation>Erneut ausgeführt</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Replay history</source>
        <translation>Verlauf der erneuten Ausführungen</translation>
    </message>
    <message>
        <source>Select an entry to see its input and replay history.</source>
        <translation>Wählen Sie einen Eintrag, um seine Eingabe und seine erneuten Ausführungen zu sehen.</translation>
    </message>
    <message>
        <source>Entry %1 could not be read: %2</source>
        <translation>Eintrag %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Entry %1 · %2 at %3</source>
        <translation>Eintrag %1 · %2 in %3</translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation>%1 (Version %2)</translation>
    </message>
    <message>
        <source>Replay history (%1)</source>
        <translation>Verlauf der erneuten Ausführungen (%1)</translation>
    </message>
    <message>
        <source>%1, item %2</source>
        <translation>%1, Element %2</translation>
    </message>
</context>
<context>
    <name>sluice::ui::DlqEntryModel</name>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Replaying</source>
        <translation>Wird erneut ausgeführt</translation>
    </message>
    <message>
        <source>Replayed</source>
        <translation>Erneut ausgeführt</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed again</source>
        <translation>Erneut fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 × · last: %2</source>
        <translation>%1 × · zuletzt: %2</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last failure</source>
        <translation>Letzter Fehlschlag</translation>
    </message>
    <message>
        <source>Execution</source>
        <translation>Ausführung</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Replays</source>
        <translation>Erneute Ausführungen</translation>
    </message>
</context>
<context>
    <name>sluice::ui::DlqFilterBar</name>
    <message>
        <source>Any state</source>
        <translation>Jeder Zustand</translation>
    </message>
    <message>
        <source>Any error</source>
        <translation>Jeder Fehler</translation>
    </message>
    <message>
        <source>All workflows</source>
        <translation>Alle Workflows</translation>
    </message>
    <message>
        <source>Only entries of this workflow version</source>
        <translation>Nur Einträge dieser Workflow-Version</translation>
    </message>
    <message>
        <source>Execution id</source>
        <translation>Ausführungs-ID</translation>
    </message>
    <message>
        <source>Only entries of this execution</source>
        <translation>Nur Einträge dieser Ausführung</translation>
    </message>
    <message>
        <source>Only entries that failed in this state</source>
        <translation>Nur Einträge, die in diesem Zustand fehlschlugen</translation>
    </message>
    <message>
        <source>Only entries with this error name</source>
        <translation>Nur Einträge mit diesem Fehlernamen</translation>
    </message>
    <message>
        <source>Text in cause</source>
        <translation>Text in der Ursache</translation>
    </message>
    <message>
        <source>Only entries whose cause contains this text (case-insensitive)</source>
        <translation>Nur Einträge, deren Ursache diesen Text enthält (ohne Groß-/Kleinschreibung)</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>Jederzeit</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Since…</source>
        <translation>Seit…</translation>
    </message>
    <message>
        <source>Only entries that last failed in this period</source>
        <translation>Nur Einträge, die zuletzt in diesem Zeitraum fehlschlugen</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Replaying</source>
        <translation>Wird erneut ausgeführt</translation>
    </message>
    <message>
        <source>Replayed</source>
        <translation>Erneut ausgeführt</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Verworfen</translation>
    </message>
    <message>
        <source>Only entries with this status</source>
        <translation>Nur Einträge mit diesem Status</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Clear every filter</source>
        <translation>Alle Filter leeren</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <source>%1 · %2 · saved %3</source>
        <translation>%1 · %2 · gespeichert %3</translation>
    </message>
</context>
<context>
    <name>sluice::ui::DlqGroupModel</name>
    <message>
        <source>%1 × %2 at %3</source>
        <translation>%1 × %2 in %3</translation>
    </message>
    <message>
        <source>Every entry the filter selects</source>
        <translation>Jeder vom Filter ausgewählte Eintrag</translation>
    </message>
    <message>
        <source>%1 entries failed in %2 with %3; %4 are open</source>
        <translation>%1 Einträge schlugen in %2 mit %3 fehl; %4 sind offen</translation>
    </message>
    <message>
        <source>All entries (%1)</source>
        <translation>Alle Einträge (%1)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>Zuletzt</translation>
    </message>
</context>
<context>
    <name>sluice::ui::DlqReplayDialog</name>
    <message>
        <source>On the latest workflow version</source>
        <translation>Auf der neuesten Workflow-Version</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Input the replay starts with:</source>
        <translation>Eingabe, mit der die erneute Ausführung beginnt:</translation>
    </message>
    <message>
        <source>Each entry is replayed with its own stored input.</source>
        <translation>Jeder Eintrag wird mit seiner eigenen gespeicherten Eingabe erneut ausgeführt.</translation>
    </message>
    <message>
        <source>%1 (where it failed)</source>
        <translation>%1 (wo es fehlschlug)</translation>
    </message>
    <message>
        <source>The state the item starts again in</source>
        <translation>Der Zustand, in dem das Element neu beginnt</translation>
    </message>
    <message>
        <source>Run on the newest version saved under the entry&apos;s workflow name</source>
        <translation>Auf der neuesten Version ausführen, die unter dem Workflow-Namen des Eintrags gespeichert ist</translation>
    </message>
    <message>
        <source>Start in state:</source>
        <translation>Beginnen in Zustand:</translation>
    </message>
    <message>
        <source>Valid JSON.</source>
        <translation>Gültiges JSON.</translation>
    </message>
    <message>
        <source>Not valid JSON at line %1, column %2. Replay is possible once the input is valid.</source>
        <translation>Kein gültiges JSON in Zeile %1, Spalte %2. Erneut ausführen ist möglich, sobald die Eingabe gültig ist.</translation>
    </message>
</context>
<context>
    <name>sluice::ui::DlqReportDialog</name>
    <message>
        <source>Replay report</source>
        <translation>Bericht der erneuten Ausführung</translation>
    </message>
    <message>
        <source>%1 of %2 replayed entries succeeded; %3 failed again.</source>
        <translation>%1 von %2 erneut ausgeführten Einträgen waren erfolgreich; %3 schlugen erneut fehl.</translation>
    </message>
    <message>
        <source>The replay was cancelled: entries not yet started were left as they were.</source>
        <translation>Die erneute Ausführung wurde abgebrochen: noch nicht gestartete Einträge blieben unverändert.</translation>
    </message>
    <message>
        <source>The replay could not run: %1</source>
        <translation>Die erneute Ausführung konnte nicht laufen: %1</translation>
    </message>
</context>
<context>
    <name>sluice::ui::DlqReportModel</name>
    <message>
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
</context>
<context>
    <name>sluice::ui::DlqStoreReader</name>
    <message>
        <source>No store is open.</source>
        <translation>Kein Speicher geöffnet.</translation>
    </message>
</context>
<context>
    <name>sluice::ui::Duration</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>sluice::ui::EditorDocument</name>
    <message>
        <source>Move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>The file is not JSON: %1</source>
        <translation>Die Datei ist kein JSON: %1</translation>
    </message>
    <message>
        <source>The definition must be a JSON object.</source>
        <translation>Die Definition muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <source>The layout file is not a JSON object: %1</source>
        <translation>Die Layout-Datei ist kein JSON-Objekt: %1</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>wait %1 s</source>
        <translation>%1 s warten</translation>
    </message>
    <message>
        <source>wait until a timestamp</source>
        <translation>bis zu einem Zeitpunkt warten</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n Regel</numerusform>
            <numerusform>%n Regeln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n branch(es)</source>
        <translation>
            <numerusform>%n Zweig</numerusform>
            <numerusform>%n Zweige</numerusform>
        </translation>
    </message>
    <message>
        <source>distributed, items from a file</source>
        <translation>verteilt, Elemente aus einer Datei</translation>
    </message>
    <message>
        <source>items from a file</source>
        <translation>Elemente aus einer Datei</translation>
    </message>
    <message>
        <source>for each in %1</source>
        <translation>für jedes in %1</translation>
    </message>
    <message>
        <source>distributed</source>
        <translation>verteilt</translation>
    </message>
    <message>
        <source>for each item</source>
        <translation>für jedes Element</translation>
    </message>
    <message>
        <source>fixed result</source>
        <translation>festes Ergebnis</translation>
    </message>
    <message>
        <source>Pass through</source>
        <translation>Durchreichen</translation>
    </message>
    <message>
        <source>Raise error</source>
        <translation>Fehler auslösen</translation>
    </message>
    <message>
        <source>Sleep</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>HTTP request</source>
        <translation>HTTP-Anfrage</translation>
    </message>
    <message>
        <source>SQL query</source>
        <translation>SQL-Abfrage</translation>
    </message>
    <message>
        <source>Read file</source>
        <translation>Datei lesen</translation>
    </message>
    <message>
        <source>Write file</source>
        <translation>Datei schreiben</translation>
    </message>
    <message>
        <source>Run command</source>
        <translation>Befehl ausführen</translation>
    </message>
    <message>
        <source>Put event</source>
        <translation>Ereignis senden</translation>
    </message>
    <message>
        <source>Wait for event</source>
        <translation>Auf Ereignis warten</translation>
    </message>
    <message>
        <source>AWS task</source>
        <translation>AWS-Task</translation>
    </message>
    <message>
        <source>There is no state machine at %1.</source>
        <translation>Bei %1 gibt es keinen Zustandsautomaten.</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>There is no state %1.</source>
        <translation>Es gibt keinen Zustand %1.</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n state(s)</source>
        <translation>
            <numerusform>%n Zustand löschen</numerusform>
            <numerusform>%n Zustände löschen</numerusform>
        </translation>
    </message>
    <message>
        <source>A state needs a name.</source>
        <translation>Ein Zustand braucht einen Namen.</translation>
    </message>
    <message>
        <source>State names may be at most 80 characters long.</source>
        <translation>Zustandsnamen dürfen höchstens 80 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>There is already a state named %1.</source>
        <translation>Es gibt bereits einen Zustand namens %1.</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>%1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Both ends of a transition must be states.</source>
        <translation>Beide Enden eines Übergangs müssen Zustände sein.</translation>
    </message>
    <message>
        <source>A transition cannot leave its branch or Map: %1 and %2 are in different state machines.</source>
        <translation>Ein Übergang kann seinen Zweig oder seine Map nicht verlassen: %1 und %2 liegen in verschiedenen Zustandsautomaten.</translation>
    </message>
    <message>
        <source>A %1 state ends the execution; nothing can follow it.</source>
        <translation>Ein %1-Zustand beendet die Ausführung; auf ihn kann nichts folgen.</translation>
    </message>
    <message>
        <source>A Choice has no Next: connect a rule or its Default.</source>
        <translation>Ein Choice hat kein Next: Verbinden Sie eine Regel oder seinen Default.</translation>
    </message>
    <message>
        <source>Only a Choice has a Default.</source>
        <translation>Nur ein Choice hat einen Default.</translation>
    </message>
    <message>
        <source>Only a Choice has rules.</source>
        <translation>Nur ein Choice hat Regeln.</translation>
    </message>
    <message>
        <source>The Choice has no rule %1.</source>
        <translation>Das Choice hat keine Regel %1.</translation>
    </message>
    <message>
        <source>Only Task, Parallel and Map states can catch errors.</source>
        <translation>Nur Task-, Parallel- und Map-Zustände können Fehler abfangen.</translation>
    </message>
    <message>
        <source>The state has no catcher %1.</source>
        <translation>Der Zustand hat keinen Catcher %1.</translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>%1 mit %2 verbinden</translation>
    </message>
    <message>
        <source>%1 has no Next.</source>
        <translation>%1 hat kein Next.</translation>
    </message>
    <message>
        <source>%1 has no Default.</source>
        <translation>%1 hat keinen Default.</translation>
    </message>
    <message>
        <source>Disconnect %1</source>
        <translation>Verbindung von %1 lösen</translation>
    </message>
    <message>
        <source>Start at %1</source>
        <translation>Bei %1 beginnen</translation>
    </message>
    <message>
        <source>A %1 state has no End field.</source>
        <translation>Ein %1-Zustand hat kein End-Feld.</translation>
    </message>
    <message>
        <source>End at %1</source>
        <translation>Bei %1 enden</translation>
    </message>
    <message>
        <source>Do not end at %1</source>
        <translation>Nicht bei %1 enden</translation>
    </message>
    <message>
        <source>A state must be a JSON object with a Type.</source>
        <translation>Ein Zustand muss ein JSON-Objekt mit einem Type sein.</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <source>Collapse %1</source>
        <translation>%1 einklappen</translation>
    </message>
    <message>
        <source>Expand %1</source>
        <translation>%1 ausklappen</translation>
    </message>
    <message>
        <source>There is no such transition to insert into.</source>
        <translation>Diesen Übergang, in den eingefügt werden soll, gibt es nicht.</translation>
    </message>
    <message>
        <source>A %1 state cannot be inserted into a transition: it has no Next.</source>
        <translation>Ein %1-Zustand kann nicht in einen Übergang eingefügt werden: Er hat kein Next.</translation>
    </message>
    <message>
        <source>Insert %1</source>
        <translation>%1 einfügen</translation>
    </message>
    <message>
        <source>States can be grouped into a Parallel or a Map only.</source>
        <translation>Zustände können nur in ein Parallel oder eine Map gruppiert werden.</translation>
    </message>
    <message>
        <source>Select the states to group first.</source>
        <translation>Wählen Sie zuerst die Zustände aus, die gruppiert werden sollen.</translation>
    </message>
    <message>
        <source>Only states of one state machine can be grouped.</source>
        <translation>Nur Zustände desselben Zustandsautomaten können gruppiert werden.</translation>
    </message>
    <message>
        <source>%1 leads out of the selection in more than one way; a group has one way out. Select the states it leads to as well.</source>
        <translation>%1 führt auf mehr als einem Weg aus der Auswahl heraus; eine Gruppe hat genau einen Ausgang. Wählen Sie auch die Zustände aus, zu denen er führt.</translation>
    </message>
    <message>
        <source>Process each</source>
        <translation>Jedes verarbeiten</translation>
    </message>
    <message>
        <source>In parallel</source>
        <translation>Parallel ausführen</translation>
    </message>
    <message>
        <source>Group into a Map</source>
        <translation>In eine Map gruppieren</translation>
    </message>
    <message>
        <source>Group into a Parallel</source>
        <translation>In ein Parallel gruppieren</translation>
    </message>
    <message>
        <source>The clipboard holds no states.</source>
        <translation>Die Zwischenablage enthält keine Zustände.</translation>
    </message>
    <message>
        <source>The clipboard&apos;s states are not readable.</source>
        <translation>Die Zustände in der Zwischenablage sind nicht lesbar.</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n state(s)</source>
        <translation>
            <numerusform>%n Zustand einfügen</numerusform>
            <numerusform>%n Zustände einfügen</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the states to duplicate first.</source>
        <translation>Wählen Sie zuerst die Zustände aus, die dupliziert werden sollen.</translation>
    </message>
    <message>
        <source>Only states of one state machine can be duplicated together.</source>
        <translation>Nur Zustände desselben Zustandsautomaten können zusammen dupliziert werden.</translation>
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
    <message>
        <source>Not YAML</source>
        <translation>Kein YAML</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ExecutionHistoryModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>attempt %1 in %2</source>
        <translation>Versuch %1 in %2</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>Versuch %1</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Elapsed</source>
        <translation>Verstrichen</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ExecutionHistoryView</name>
    <message>
        <source>No run is open.</source>
        <translation>Kein Lauf ist geöffnet.</translation>
    </message>
    <message>
        <source>Cannot read the history: %1</source>
        <translation>Der Verlauf kann nicht gelesen werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n event(s)</source>
        <translation>
            <numerusform>%n Ereignis</numerusform>
            <numerusform>%n Ereignisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n event(s) loaded; scroll for more</source>
        <translation>
            <numerusform>%n Ereignis geladen; für mehr weiterblättern</numerusform>
            <numerusform>%n Ereignisse geladen; für mehr weiterblättern</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::FieldHelp</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Unique in its state machine, at most 80 characters.</source>
        <translation>Eindeutig im Zustandsautomaten, höchstens 80 Zeichen.</translation>
    </message>
    <message>
        <source>The state&apos;s name. Every Next, Default and Catch that leads here uses it; renaming updates them.</source>
        <translation>Der Name des Zustands. Jedes Next, Default und Catch, das hierher führt, verwendet ihn; Umbenennen passt sie an.</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>The kind of state; fixed once the state exists.</source>
        <translation>Die Art des Zustands; fest, sobald der Zustand existiert.</translation>
    </message>
    <message>
        <source>Type: Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map.</source>
        <translation>Type: Pass, Task, Choice, Wait, Succeed, Fail, Parallel oder Map.</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>A note for people; ignored when the workflow runs.</source>
        <translation>Eine Notiz für Menschen; bei der Ausführung ignoriert.</translation>
    </message>
    <message>
        <source>Comment: a human-readable description of the state.</source>
        <translation>Comment: eine für Menschen lesbare Beschreibung des Zustands.</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>The state to run after this one, or End.</source>
        <translation>Der Zustand, der danach ausgeführt wird, oder Ende.</translation>
    </message>
    <message>
        <source>Next names the state that runs when this one finishes. End (&quot;End&quot;: true) makes this state terminal: the state machine (or branch, or Map iteration) stops here with this state&apos;s output.</source>
        <translation>Next nennt den Zustand, der nach diesem ausgeführt wird. End (&quot;End&quot;: true) macht diesen Zustand zum letzten: der Zustandsautomat (oder Zweig oder Map-Durchlauf) endet hier mit der Ausgabe dieses Zustands.</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Ressource</translation>
    </message>
    <message>
        <source>The task to run: a sluice: resource or an AWS ARN (mocked locally).</source>
        <translation>Die auszuführende Aufgabe: eine sluice:-Ressource oder ein AWS-ARN (lokal über einen Mock).</translation>
    </message>
    <message>
        <source>Resource: a URI that identifies the work. sluice:http, sluice:sql, sluice:file.read and the other sluice: resources run here; an AWS ARN runs locally only through a mock and unchanged on AWS.</source>
        <translation>Resource: eine URI, die die Arbeit bezeichnet. sluice:http, sluice:sql, sluice:file.read und die anderen sluice:-Ressourcen laufen hier; ein AWS-ARN läuft lokal nur über einen Mock und unverändert auf AWS.</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>Fails with States.Timeout after this many seconds.</source>
        <translation>Schlägt nach so vielen Sekunden mit States.Timeout fehl.</translation>
    </message>
    <message>
        <source>TimeoutSeconds (or TimeoutSecondsPath, a reference path to a number in the input): the longest the task may run before it fails with States.Timeout. A positive whole number; default 99999999.</source>
        <translation>TimeoutSeconds (oder TimeoutSecondsPath, ein Referenzpfad auf eine Zahl in der Eingabe): die längste Laufzeit der Aufgabe, bevor sie mit States.Timeout fehlschlägt. Eine positive ganze Zahl; Standard 99999999.</translation>
    </message>
    <message>
        <source>Heartbeat</source>
        <translation>Heartbeat</translation>
    </message>
    <message>
        <source>Fails with States.HeartbeatTimeout without a heartbeat in time.</source>
        <translation>Schlägt mit States.HeartbeatTimeout fehl, wenn kein Heartbeat rechtzeitig kommt.</translation>
    </message>
    <message>
        <source>HeartbeatSeconds (or HeartbeatSecondsPath): the longest time between two heartbeats of the task before it fails with States.HeartbeatTimeout. Must be smaller than TimeoutSeconds.</source>
        <translation>HeartbeatSeconds (oder HeartbeatSecondsPath): die längste Zeit zwischen zwei Heartbeats der Aufgabe, bevor sie mit States.HeartbeatTimeout fehlschlägt. Muss kleiner als TimeoutSeconds sein.</translation>
    </message>
    <message>
        <source>Credentials</source>
        <translation>Anmeldedaten</translation>
    </message>
    <message>
        <source>A role to assume for the task (payload template).</source>
        <translation>Eine Rolle, die die Aufgabe annimmt (Payload-Vorlage).</translation>
    </message>
    <message>
        <source>Credentials: a payload template with RoleArn (or RoleArn.$) naming the role the task runs with.</source>
        <translation>Credentials: eine Payload-Vorlage mit RoleArn (oder RoleArn.$), die die Rolle nennt, mit der die Aufgabe läuft.</translation>
    </message>
    <message>
        <source>Input path</source>
        <translation>Eingabepfad</translation>
    </message>
    <message>
        <source>Selects the part of the input the state works on. Default $.</source>
        <translation>Wählt den Teil der Eingabe, mit dem der Zustand arbeitet. Standard $.</translation>
    </message>
    <message>
        <source>InputPath: a path that picks the effective input from the state&apos;s input. &quot;$&quot; (the default) passes everything; null passes an empty object {}.</source>
        <translation>InputPath: ein Pfad, der die wirksame Eingabe aus der Eingabe des Zustands auswählt. &quot;$&quot; (Standard) übergibt alles; null übergibt ein leeres Objekt {}.</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Builds the task&apos;s input. Keys ending in .$ take a path or intrinsic.</source>
        <translation>Baut die Eingabe der Aufgabe. Schlüssel auf .$ nehmen einen Pfad oder eine intrinsische Funktion.</translation>
    </message>
    <message>
        <source>Parameters: a payload template. Its JSON becomes the effective input; a key ending in &quot;.$&quot; takes its value from a path ($.field, $$.Execution.Id) or an intrinsic function (States.Format(...)).</source>
        <translation>Parameters: eine Payload-Vorlage. Ihr JSON wird zur wirksamen Eingabe; ein Schlüssel auf &quot;.$&quot; nimmt seinen Wert aus einem Pfad ($.field, $$.Execution.Id) oder einer intrinsischen Funktion (States.Format(...)).</translation>
    </message>
    <message>
        <source>Result selector</source>
        <translation>Ergebnisauswahl</translation>
    </message>
    <message>
        <source>Reshapes the result before ResultPath (payload template).</source>
        <translation>Formt das Ergebnis vor ResultPath um (Payload-Vorlage).</translation>
    </message>
    <message>
        <source>ResultSelector: a payload template evaluated against the task&apos;s result; its output is what ResultPath places into the input.</source>
        <translation>ResultSelector: eine Payload-Vorlage, die auf das Ergebnis der Aufgabe angewendet wird; ihre Ausgabe setzt ResultPath in die Eingabe ein.</translation>
    </message>
    <message>
        <source>Result path</source>
        <translation>Ergebnispfad</translation>
    </message>
    <message>
        <source>Where the result goes in the input. Default $ (replace it).</source>
        <translation>Wohin das Ergebnis in der Eingabe kommt. Standard $ (ersetzt sie).</translation>
    </message>
    <message>
        <source>ResultPath: a reference path where the result is written into the state&apos;s input to make its output. &quot;$&quot; (the default) replaces the input with the result; null discards the result and passes the input on.</source>
        <translation>ResultPath: ein Referenzpfad, an dem das Ergebnis in die Eingabe des Zustands geschrieben wird, um seine Ausgabe zu bilden. &quot;$&quot; (Standard) ersetzt die Eingabe durch das Ergebnis; null verwirft das Ergebnis und gibt die Eingabe weiter.</translation>
    </message>
    <message>
        <source>Output path</source>
        <translation>Ausgabepfad</translation>
    </message>
    <message>
        <source>Selects the part of the output passed on. Default $.</source>
        <translation>Wählt den Teil der Ausgabe, der weitergegeben wird. Standard $.</translation>
    </message>
    <message>
        <source>OutputPath: a path that picks what is passed to the next state. &quot;$&quot; (the default) passes everything; null passes an empty object {}.</source>
        <translation>OutputPath: ein Pfad, der auswählt, was an den nächsten Zustand geht. &quot;$&quot; (Standard) übergibt alles; null übergibt ein leeres Objekt {}.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>A fixed value that becomes the state&apos;s result (JSON).</source>
        <translation>Ein fester Wert, der zum Ergebnis des Zustands wird (JSON).</translation>
    </message>
    <message>
        <source>Result: any JSON value. A Pass state outputs it (through ResultPath) instead of its input.</source>
        <translation>Result: ein beliebiger JSON-Wert. Ein Pass-Zustand gibt ihn (über ResultPath) statt seiner Eingabe aus.</translation>
    </message>
    <message>
        <source>Wait for</source>
        <translation>Warten auf</translation>
    </message>
    <message>
        <source>How long to wait: seconds, a timestamp, or a path to either.</source>
        <translation>Wie lange gewartet wird: Sekunden, ein Zeitstempel oder ein Pfad zu einem davon.</translation>
    </message>
    <message>
        <source>Exactly one of Seconds (a whole number), Timestamp (RFC 3339, e.g. 2016-03-14T01:59:00Z), SecondsPath or TimestampPath (reference paths into the input).</source>
        <translation>Genau eines von Seconds (ganze Zahl), Timestamp (RFC 3339, z. B. 2016-03-14T01:59:00Z), SecondsPath oder TimestampPath (Referenzpfade in die Eingabe).</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>The error name the state fails with (string or path).</source>
        <translation>Der Fehlername, mit dem der Zustand fehlschlägt (Text oder Pfad).</translation>
    </message>
    <message>
        <source>Error or ErrorPath: the error name reported by the failure; Retry and Catch of an enclosing Parallel or Map match on it. ErrorPath may be a reference path or an intrinsic that returns a string.</source>
        <translation>Error oder ErrorPath: der gemeldete Fehlername; Retry und Catch eines umgebenden Parallel oder Map prüfen ihn. ErrorPath darf ein Referenzpfad oder eine intrinsische Funktion sein, die einen Text liefert.</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Ursache</translation>
    </message>
    <message>
        <source>A human-readable description of the failure.</source>
        <translation>Eine für Menschen lesbare Beschreibung des Fehlschlags.</translation>
    </message>
    <message>
        <source>Cause or CausePath: the failure&apos;s description. CausePath may be a reference path or an intrinsic that returns a string.</source>
        <translation>Cause oder CausePath: die Beschreibung des Fehlschlags. CausePath darf ein Referenzpfad oder eine intrinsische Funktion sein, die einen Text liefert.</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Checked in order; the first rule that matches picks the next state.</source>
        <translation>Der Reihe nach geprüft; die erste zutreffende Regel wählt den nächsten Zustand.</translation>
    </message>
    <message>
        <source>Choices: an array of Choice rules. Each top-level rule is a comparison of a Variable (or And, Or, Not of rules) and a Next state. The first matching rule wins.</source>
        <translation>Choices: ein Array von Choice-Regeln. Jede Regel der obersten Ebene ist ein Vergleich einer Variable (oder And, Or, Not von Regeln) mit einem Folgezustand (Next). Die erste zutreffende Regel gewinnt.</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>The state to run when no rule matches.</source>
        <translation>Der Zustand, der ausgeführt wird, wenn keine Regel zutrifft.</translation>
    </message>
    <message>
        <source>Default: the next state when no rule matches. Without it the Choice fails with States.NoChoiceMatched.</source>
        <translation>Default: der nächste Zustand, wenn keine Regel zutrifft. Ohne ihn schlägt Choice mit States.NoChoiceMatched fehl.</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>Zweige</translation>
    </message>
    <message>
        <source>Edit the branches on the canvas.</source>
        <translation>Die Zweige auf der Zeichenfläche bearbeiten.</translation>
    </message>
    <message>
        <source>Branches: the state machines a Parallel state runs at the same time; its output is the array of their outputs.</source>
        <translation>Branches: die Zustandsautomaten, die ein Parallel-Zustand gleichzeitig ausführt; seine Ausgabe ist das Array ihrer Ausgaben.</translation>
    </message>
    <message>
        <source>Items path</source>
        <translation>Elementpfad</translation>
    </message>
    <message>
        <source>The array in the input to iterate over. Default $.</source>
        <translation>Das Array in der Eingabe, über das iteriert wird. Standard $.</translation>
    </message>
    <message>
        <source>ItemsPath: a reference path to the array whose elements become the Map&apos;s items.</source>
        <translation>ItemsPath: ein Referenzpfad auf das Array, dessen Einträge die Elemente der Map werden.</translation>
    </message>
    <message>
        <source>Item selector</source>
        <translation>Elementauswahl</translation>
    </message>
    <message>
        <source>Builds each item&apos;s input (payload template, $$.Map.Item.Value ...).</source>
        <translation>Baut die Eingabe jedes Elements (Payload-Vorlage, $$.Map.Item.Value ...).</translation>
    </message>
    <message>
        <source>ItemSelector (or the older Parameters): a payload template evaluated for every item; $$.Map.Item.Value is the item and $$.Map.Item.Index its position.</source>
        <translation>ItemSelector (oder das ältere Parameters): eine Payload-Vorlage, die für jedes Element ausgewertet wird; $$.Map.Item.Value ist das Element und $$.Map.Item.Index seine Position.</translation>
    </message>
    <message>
        <source>Max concurrency</source>
        <translation>Max. Parallelität</translation>
    </message>
    <message>
        <source>How many items run at once; 0 means no limit.</source>
        <translation>Wie viele Elemente gleichzeitig laufen; 0 heißt ohne Grenze.</translation>
    </message>
    <message>
        <source>MaxConcurrency (or MaxConcurrencyPath): the upper bound on iterations running at the same time. 0 (the default) sets no limit.</source>
        <translation>MaxConcurrency (oder MaxConcurrencyPath): die Obergrenze gleichzeitig laufender Durchläufe. 0 (Standard) setzt keine Grenze.</translation>
    </message>
    <message>
        <source>Processor mode</source>
        <translation>Verarbeitungsmodus</translation>
    </message>
    <message>
        <source>INLINE runs items inside this execution; DISTRIBUTED as child runs.</source>
        <translation>INLINE führt Elemente in dieser Ausführung aus, DISTRIBUTED als Kindausführungen.</translation>
    </message>
    <message>
        <source>ItemProcessor.ProcessorConfig: Mode INLINE (the default; the first failed item fails the Map) or DISTRIBUTED (each item runs to its end, failures are tolerated up to a threshold; needs an ExecutionType, STANDARD or EXPRESS).</source>
        <translation>ItemProcessor.ProcessorConfig: Mode INLINE (Standard; das erste fehlgeschlagene Element lässt die Map fehlschlagen) oder DISTRIBUTED (jedes Element läuft bis zu seinem Ende, Fehlschläge werden bis zu einer Schwelle toleriert; braucht einen ExecutionType, STANDARD oder EXPRESS).</translation>
    </message>
    <message>
        <source>Item reader</source>
        <translation>Elementleser</translation>
    </message>
    <message>
        <source>Reads the items from a file (CSV, JSON Lines) instead of the input.</source>
        <translation>Liest die Elemente aus einer Datei (CSV, JSON Lines) statt aus der Eingabe.</translation>
    </message>
    <message>
        <source>ItemReader: Resource (sluice:file.read, or an S3 getObject ARN), ReaderConfig (InputType, CSVHeaderLocation, MaxItems ...) and Parameters (the file). Distributed mode only.</source>
        <translation>ItemReader: Resource (sluice:file.read oder ein S3-getObject-ARN), ReaderConfig (InputType, CSVHeaderLocation, MaxItems ...) und Parameters (die Datei). Nur im verteilten Modus.</translation>
    </message>
    <message>
        <source>Item batcher</source>
        <translation>Stapelbildung</translation>
    </message>
    <message>
        <source>Groups items into batches (MaxItemsPerBatch ...).</source>
        <translation>Fasst Elemente zu Stapeln zusammen (MaxItemsPerBatch ...).</translation>
    </message>
    <message>
        <source>ItemBatcher: MaxItemsPerBatch and/or MaxInputBytesPerBatch (or their Path forms) and BatchInput. Distributed mode only.</source>
        <translation>ItemBatcher: MaxItemsPerBatch und/oder MaxInputBytesPerBatch (oder ihre Path-Formen) und BatchInput. Nur im verteilten Modus.</translation>
    </message>
    <message>
        <source>Result writer</source>
        <translation>Ergebnisschreiber</translation>
    </message>
    <message>
        <source>Writes the Map&apos;s results to a file instead of the output.</source>
        <translation>Schreibt die Ergebnisse der Map in eine Datei statt in die Ausgabe.</translation>
    </message>
    <message>
        <source>ResultWriter: Resource (sluice:file.write, or an S3 putObject ARN) and Parameters. Distributed mode only.</source>
        <translation>ResultWriter: Resource (sluice:file.write oder ein S3-putObject-ARN) und Parameters. Nur im verteilten Modus.</translation>
    </message>
    <message>
        <source>Tolerated failures</source>
        <translation>Tolerierte Fehler</translation>
    </message>
    <message>
        <source>How many items may fail before the Map fails.</source>
        <translation>Wie viele Elemente fehlschlagen dürfen, bevor die Map fehlschlägt.</translation>
    </message>
    <message>
        <source>ToleratedFailureCount (or its Path form): the Map fails with States.ExceedToleratedFailureThreshold when more items fail. Distributed mode only.</source>
        <translation>ToleratedFailureCount (oder seine Path-Form): die Map schlägt mit States.ExceedToleratedFailureThreshold fehl, wenn mehr Elemente fehlschlagen. Nur im verteilten Modus.</translation>
    </message>
    <message>
        <source>Tolerated failure %</source>
        <translation>Tolerierte Fehler %</translation>
    </message>
    <message>
        <source>The share of items (0-100) that may fail.</source>
        <translation>Der Anteil der Elemente (0-100), der fehlschlagen darf.</translation>
    </message>
    <message>
        <source>ToleratedFailurePercentage (or its Path form): a number from 0 to 100. Distributed mode only.</source>
        <translation>ToleratedFailurePercentage (oder seine Path-Form): eine Zahl von 0 bis 100. Nur im verteilten Modus.</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Names the child executions of a distributed Map (up to 40 characters).</source>
        <translation>Benennt die Kindausführungen einer verteilten Map (bis zu 40 Zeichen).</translation>
    </message>
    <message>
        <source>Label: a name for the Map run, shown in the child executions. Distributed mode only.</source>
        <translation>Label: ein Name für den Map-Lauf, der in den Kindausführungen erscheint. Nur im verteilten Modus.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Retries that match an error: interval, attempts, backoff, jitter.</source>
        <translation>Wiederholungen für passende Fehler: Intervall, Versuche, Backoff, Jitter.</translation>
    </message>
    <message>
        <source>Retry: retriers tried in order. ErrorEquals lists the error names (States.ALL matches all, and must be last); IntervalSeconds (default 1) before the first retry, MaxAttempts (default 3, 0 = never), BackoffRate (default 2.0) multiplies the interval, MaxDelaySeconds caps it, JitterStrategy FULL randomises it.</source>
        <translation>Retry: Wiederholer, der Reihe nach geprüft. ErrorEquals listet die Fehlernamen (States.ALL passt auf alle und muss zuletzt stehen); IntervalSeconds (Standard 1) vor der ersten Wiederholung, MaxAttempts (Standard 3, 0 = nie), BackoffRate (Standard 2.0) vervielfacht das Intervall, MaxDelaySeconds begrenzt es, JitterStrategy FULL streut es zufällig.</translation>
    </message>
    <message>
        <source>Catch</source>
        <translation>Abfangen</translation>
    </message>
    <message>
        <source>Where an error goes once retries are exhausted.</source>
        <translation>Wohin ein Fehler geht, wenn die Wiederholungen erschöpft sind.</translation>
    </message>
    <message>
        <source>Catch: catchers tried in order. ErrorEquals lists the error names; Next is the state to go to; ResultPath places the error output ({&quot;Error&quot;, &quot;Cause&quot;}) into the input (default $, replace).</source>
        <translation>Catch: Fänger, der Reihe nach geprüft. ErrorEquals listet die Fehlernamen; Next ist der Zustand, zu dem es geht; ResultPath setzt die Fehlerausgabe ({&quot;Error&quot;, &quot;Cause&quot;}) in die Eingabe ein (Standard $, ersetzen).</translation>
    </message>
</context>
<context>
    <name>sluice::ui::GraphScene</name>
    <message>
        <source>Branch %1</source>
        <translation>Zweig %1</translation>
    </message>
</context>
<context>
    <name>sluice::ui::HandlerTable</name>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervall</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Backoff</source>
        <translation>Backoff</translation>
    </message>
    <message>
        <source>Max delay</source>
        <translation>Max. Pause</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Result path</source>
        <translation>Ergebnispfad</translation>
    </message>
    <message>
        <source>ErrorEquals: error names, separated by commas (States.ALL matches every error)</source>
        <translation>ErrorEquals: Fehlernamen, durch Kommas getrennt (States.ALL passt auf jeden Fehler)</translation>
    </message>
    <message>
        <source>IntervalSeconds: seconds before the first retry (default 1)</source>
        <translation>IntervalSeconds: Sekunden vor der ersten Wiederholung (Standard 1)</translation>
    </message>
    <message>
        <source>MaxAttempts: retries at most (default 3; 0 never retries)</source>
        <translation>MaxAttempts: höchstens so viele Wiederholungen (Standard 3; 0 wiederholt nie)</translation>
    </message>
    <message>
        <source>BackoffRate: multiplies the interval after each attempt (default 2.0)</source>
        <translation>BackoffRate: vervielfacht das Intervall nach jedem Versuch (Standard 2.0)</translation>
    </message>
    <message>
        <source>MaxDelaySeconds: the longest interval between attempts</source>
        <translation>MaxDelaySeconds: das längste Intervall zwischen Versuchen</translation>
    </message>
    <message>
        <source>JitterStrategy: FULL randomises each interval (default NONE)</source>
        <translation>JitterStrategy: FULL streut jedes Intervall zufällig (Standard NONE)</translation>
    </message>
    <message>
        <source>Next: the state to run when the error is caught</source>
        <translation>Next: der Zustand, der ausgeführt wird, wenn der Fehler abgefangen wird</translation>
    </message>
    <message>
        <source>ResultPath: where the error output goes in the input (default $; null keeps the input)</source>
        <translation>ResultPath: wohin die Fehlerausgabe in der Eingabe kommt (Standard $; null behält die Eingabe)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add a retrier</source>
        <translation>Einen Wiederholer hinzufügen</translation>
    </message>
    <message>
        <source>Add a catcher</source>
        <translation>Einen Fänger hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected row</source>
        <translation>Die gewählte Zeile entfernen</translation>
    </message>
    <message>
        <source>Move the selected row up (rows are tried in order)</source>
        <translation>Die gewählte Zeile nach oben verschieben (Zeilen werden der Reihe nach geprüft)</translation>
    </message>
    <message>
        <source>Move the selected row down (rows are tried in order)</source>
        <translation>Die gewählte Zeile nach unten verschieben (Zeilen werden der Reihe nach geprüft)</translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ItemDetailView</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Diff</source>
        <translation>Unterschiede</translation>
    </message>
    <message>
        <source>Pick a state in the timeline</source>
        <translation>Wählen Sie einen Zustand in der Zeitleiste</translation>
    </message>
    <message>
        <source>No item selected</source>
        <translation>Kein Element ausgewählt</translation>
    </message>
    <message>
        <source>Item %1: reading its history…</source>
        <translation>Element %1: Verlauf wird gelesen…</translation>
    </message>
    <message>
        <source>Execution started</source>
        <translation>Ausführung gestartet</translation>
    </message>
    <message>
        <source>Execution finished</source>
        <translation>Ausführung beendet</translation>
    </message>
    <message>
        <source>Item started</source>
        <translation>Element gestartet</translation>
    </message>
    <message>
        <source>State entered</source>
        <translation>Zustand betreten</translation>
    </message>
    <message>
        <source>State exited</source>
        <translation>Zustand verlassen</translation>
    </message>
    <message>
        <source>Task scheduled</source>
        <translation>Aufgabe geplant</translation>
    </message>
    <message>
        <source>Task succeeded</source>
        <translation>Aufgabe erfolgreich</translation>
    </message>
    <message>
        <source>Task failed</source>
        <translation>Aufgabe fehlgeschlagen</translation>
    </message>
    <message>
        <source>Retry scheduled</source>
        <translation>Wiederholung geplant</translation>
    </message>
    <message>
        <source>Item finished</source>
        <translation>Element beendet</translation>
    </message>
    <message>
        <source>Item %1: cannot read its history: %2</source>
        <translation>Element %1: Verlauf kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>next attempt in %1</source>
        <translation>nächster Versuch in %1</translation>
    </message>
    <message numerus="yes">
        <source>Item %1: %n event(s)</source>
        <translation>
            <numerusform>Element %1: %n Ereignis</numerusform>
            <numerusform>Element %1: %n Ereignisse</numerusform>
        </translation>
    </message>
    <message>
        <source>The state has no output: it did not finish</source>
        <translation>Der Zustand hat keine Ausgabe: er wurde nicht beendet</translation>
    </message>
    <message>
        <source>Input of %1</source>
        <translation>Eingabe von %1</translation>
    </message>
    <message>
        <source>Output of %1</source>
        <translation>Ausgabe von %1</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>The output is the input, unchanged</source>
        <translation>Die Ausgabe ist die unveränderte Eingabe</translation>
    </message>
    <message numerus="yes">
        <source>Diff (%n change(s))</source>
        <translation>
            <numerusform>Unterschiede (%n Änderung)</numerusform>
            <numerusform>Unterschiede (%n Änderungen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::ItemsPanel</name>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Jeder Zustand</translation>
    </message>
    <message>
        <source>Error name</source>
        <translation>Fehlername</translation>
    </message>
    <message>
        <source>Search business key, error, cause</source>
        <translation>Geschäftsschlüssel, Fehler, Ursache durchsuchen</translation>
    </message>
    <message>
        <source>Show only items with this status</source>
        <translation>Nur Elemente mit diesem Status zeigen</translation>
    </message>
    <message>
        <source>Show only items in (or ended in) this state</source>
        <translation>Nur Elemente in diesem Zustand (oder dort beendet) zeigen</translation>
    </message>
    <message>
        <source>Show only items whose last error has exactly this name</source>
        <translation>Nur Elemente zeigen, deren letzter Fehler genau diesen Namen hat</translation>
    </message>
    <message>
        <source>Show only items whose business key, error name or cause contains this text</source>
        <translation>Nur Elemente zeigen, deren Geschäftsschlüssel, Fehlername oder Ursache diesen Text enthält</translation>
    </message>
    <message>
        <source>Cannot read the items: %1</source>
        <translation>Die Elemente können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No run is open.</source>
        <translation>Kein Lauf ist geöffnet.</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) match the filter</source>
        <translation>
            <numerusform>%n Element passt zum Filter</numerusform>
            <numerusform>%n Elemente passen zum Filter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Element</numerusform>
            <numerusform>%n Elemente</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::ItemsTableModel</name>
    <message>
        <source>Pending</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Wird wiederholt</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Replaying</source>
        <translation>Wird erneut ausgeführt</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>Business key</source>
        <translation>Geschäftsschlüssel</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
</context>
<context>
    <name>sluice::ui::JsonField</name>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>Kein gültiges JSON: %1</translation>
    </message>
</context>
<context>
    <name>sluice::ui::JsonTreeView</name>
    <message>
        <source>Search keys and values</source>
        <translation>Schlüssel und Werte durchsuchen</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Copy path</source>
        <translation>Pfad kopieren</translation>
    </message>
    <message>
        <source>Copy the JSONPath of this node, like $.order.lines[2]</source>
        <translation>Den JSONPath dieses Knotens kopieren, etwa $.order.lines[2]</translation>
    </message>
    <message>
        <source>Copy value</source>
        <translation>Wert kopieren</translation>
    </message>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n Schlüssel}</numerusform>
            <numerusform>{%n Schlüssel}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n element(s)]</source>
        <translation>
            <numerusform>[%n Eintrag]</numerusform>
            <numerusform>[%n Einträge]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… %n more not shown</source>
        <translation>
            <numerusform>… %n weiterer nicht gezeigt</numerusform>
            <numerusform>… %n weitere nicht gezeigt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::MainWindow</name>
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
    <message>
        <source>No problems: the definition is valid.</source>
        <translation>Keine Probleme: Die Definition ist gültig.</translation>
    </message>
    <message>
        <source>No definition open.</source>
        <translation>Keine Definition geöffnet.</translation>
    </message>
    <message>
        <source>Designer</source>
        <translation>Designer</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelltext</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Start a new workflow</source>
        <translation>Einen neuen Workflow beginnen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Import ASL…</source>
        <translation>ASL &amp;importieren…</translation>
    </message>
    <message>
        <source>&amp;Export for AWS…</source>
        <translation>Für AWS e&amp;xportieren…</translation>
    </message>
    <message>
        <source>Write the definition for AWS Step Functions</source>
        <translation>Die Definition für AWS Step Functions schreiben</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>Ein&amp;fügen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplizieren</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>Re&amp;name</source>
        <translation>Umbe&amp;nennen</translation>
    </message>
    <message>
        <source>Set as &amp;Start</source>
        <translation>Als &amp;Start festlegen</translation>
    </message>
    <message>
        <source>&amp;End Here</source>
        <translation>Hier &amp;enden</translation>
    </message>
    <message>
        <source>Group into &amp;Parallel</source>
        <translation>In &amp;Parallel gruppieren</translation>
    </message>
    <message>
        <source>Group into &amp;Map</source>
        <translation>In &amp;Map gruppieren</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Fit Workflow</source>
        <translation>Workflow ein&amp;passen</translation>
    </message>
    <message>
        <source>Zoom to &amp;Selection</source>
        <translation>Auf Au&amp;swahl zoomen</translation>
    </message>
    <message>
        <source>&amp;Arrange Automatically</source>
        <translation>&amp;Automatisch anordnen</translation>
    </message>
    <message>
        <source>S&amp;nap to Grid</source>
        <translation>Am &amp;Raster ausrichten</translation>
    </message>
    <message>
        <source>&amp;Overview Map</source>
        <translation>Ü&amp;bersichtskarte</translation>
    </message>
    <message>
        <source>Show S&amp;ource</source>
        <translation>&amp;Quelltext zeigen</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>The new workflow</source>
        <translation>Der neue Workflow</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>%1 has changes that are not saved. Save them?</source>
        <translation>%1 hat Änderungen, die nicht gespeichert sind. Speichern?</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>%1[*] – Sluice</source>
        <translation>%1[*] – Sluice</translation>
    </message>
    <message>
        <source>Import ASL</source>
        <translation>ASL importieren</translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>%1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <source>Imported %1</source>
        <translation>%1 importiert</translation>
    </message>
    <message>
        <source>Save Workflow</source>
        <translation>Workflow speichern</translation>
    </message>
    <message>
        <source>Workflow definitions (*.asl.json)</source>
        <translation>Workflow-Definitionen (*.asl.json)</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Export for AWS</source>
        <translation>Für AWS exportieren</translation>
    </message>
    <message>
        <source>The definition has problems; fix them before exporting.</source>
        <translation>Die Definition hat Probleme; beheben Sie sie vor dem Export.</translation>
    </message>
    <message>
        <source>ASL definitions (*.json)</source>
        <translation>ASL-Definitionen (*.json)</translation>
    </message>
    <message>
        <source>Dead-letter queue</source>
        <translation>Dead-Letter-Queue</translation>
    </message>
    <message>
        <source>Open a workflow definition (.asl.json; a YAML file opens as a new workflow)</source>
        <translation>Eine Workflow-Definition öffnen (.asl.json; eine YAML-Datei öffnet sich als neuer Workflow)</translation>
    </message>
    <message>
        <source>Open a Step Functions definition (JSON or YAML) as a new, untitled workflow</source>
        <translation>Eine Step-Functions-Definition (JSON oder YAML) als neuen, unbenannten Workflow öffnen</translation>
    </message>
    <message>
        <source>Workflow definitions (*.asl.json *.json *.yaml *.yml);;All files (*)</source>
        <translation>Workflow-Definitionen (*.asl.json *.json *.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Step Functions definitions (*.json *.asl *.yaml *.yml);;All files (*)</source>
        <translation>Step-Functions-Definitionen (*.json *.asl *.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 uses %2</source>
        <translation>%1 verwendet %2</translation>
    </message>
    <message numerus="yes">
        <source>%n state(s) use Sluice&apos;s own resources, which AWS Step Functions does not accept. Replace them with AWS resources before deploying.</source>
        <translation>
            <numerusform>%n Zustand verwendet Sluice-eigene Ressourcen, die AWS Step Functions nicht annimmt. Ersetzen Sie sie vor dem Bereitstellen durch AWS-Ressourcen.</numerusform>
            <numerusform>%n Zustände verwenden Sluice-eigene Ressourcen, die AWS Step Functions nicht annimmt. Ersetzen Sie sie vor dem Bereitstellen durch AWS-Ressourcen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Export Anyway</source>
        <translation>Trotzdem exportieren</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>This run is not running in this window; stop it where it runs.</source>
        <translation>Dieser Lauf läuft nicht in diesem Fenster; halten Sie ihn dort an, wo er läuft.</translation>
    </message>
    <message>
        <source>Stopping the run…</source>
        <translation>Der Lauf wird angehalten…</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>&amp;Run Workflow…</source>
        <translation>Workflow &amp;ausführen…</translation>
    </message>
    <message>
        <source>Run the workflow in the store and watch it (F5)</source>
        <translation>Den Workflow im Speicher ausführen und beobachten (F5)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Opening the store %1…</source>
        <translation>Speicher %1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Cannot open the store %1: %2</source>
        <translation>Der Speicher %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>Could not resume: %1</source>
        <translation>Nicht fortgesetzt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Resumed %n unfinished run(s).</source>
        <translation>
            <numerusform>%n unvollendeter Lauf fortgesetzt.</numerusform>
            <numerusform>%n unvollendete Läufe fortgesetzt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Store %1 open: no unfinished runs.</source>
        <translation>Speicher %1 geöffnet: keine unvollendeten Läufe.</translation>
    </message>
    <message>
        <source>Run failures</source>
        <translation>Fehlschläge im Lauf</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n item(s) failed.</source>
        <translation>
            <numerusform>%1: %n Element fehlgeschlagen.</numerusform>
            <numerusform>%1: %n Elemente fehlgeschlagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Run finished</source>
        <translation>Lauf beendet</translation>
    </message>
    <message>
        <source>%1 ended: %2</source>
        <translation>%1 beendet: %2</translation>
    </message>
    <message>
        <source>The store is not open yet.</source>
        <translation>Der Speicher ist noch nicht geöffnet.</translation>
    </message>
    <message>
        <source>Starting %1…</source>
        <translation>%1 wird gestartet…</translation>
    </message>
    <message>
        <source>Cannot run %1: %2</source>
        <translation>%1 lässt sich nicht ausführen: %2</translation>
    </message>
    <message>
        <source>Cannot rerun: %1</source>
        <translation>Erneutes Ausführen nicht möglich: %1</translation>
    </message>
    <message>
        <source>This run is not running in this window; pause it where it runs.</source>
        <translation>Dieser Lauf läuft nicht in diesem Fenster; pausieren Sie ihn dort, wo er läuft.</translation>
    </message>
    <message>
        <source>Paused: no new item starts; items in flight finish.</source>
        <translation>Pausiert: kein neues Element beginnt; laufende Elemente werden fertig.</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>Fortgesetzt.</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Execution %1</source>
        <translation>Ausführung %1</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
</context>
<context>
    <name>sluice::ui::MiniMap</name>
    <message>
        <source>Overview: click to move there</source>
        <translation>Übersicht: Klicken, um dorthin zu springen</translation>
    </message>
</context>
<context>
    <name>sluice::ui::MonitorStore::Worker</name>
    <message>
        <source>No store is open.</source>
        <translation>Kein Speicher ist geöffnet.</translation>
    </message>
</context>
<context>
    <name>sluice::ui::NameField</name>
    <message>
        <source>A state needs a name</source>
        <translation>Ein Zustand braucht einen Namen</translation>
    </message>
    <message>
        <source>A state name has at most 80 characters; this one has %1</source>
        <translation>Ein Zustandsname hat höchstens 80 Zeichen; dieser hat %1</translation>
    </message>
    <message>
        <source>There is already a state named &apos;%1&apos;</source>
        <translation>Es gibt bereits einen Zustand namens &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>sluice::ui::NullablePathField</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>null: discard the result and pass the state&apos;s input on</source>
        <translation>null: das Ergebnis verwerfen und die Eingabe des Zustands weitergeben</translation>
    </message>
    <message>
        <source>null: pass an empty object {}</source>
        <translation>null: ein leeres Objekt {} übergeben</translation>
    </message>
</context>
<context>
    <name>sluice::ui::Palette</name>
    <message>
        <source>States</source>
        <translation>Zustände</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>Does work: calls a task resource</source>
        <translation>Erledigt Arbeit: ruft eine Task-Ressource auf</translation>
    </message>
    <message>
        <source>Branches on rules over the input</source>
        <translation>Verzweigt nach Regeln über die Eingabe</translation>
    </message>
    <message>
        <source>Runs its states for every item of a list or file</source>
        <translation>Führt seine Zustände für jedes Element einer Liste oder Datei aus</translation>
    </message>
    <message>
        <source>Runs branches side by side</source>
        <translation>Führt Zweige nebeneinander aus</translation>
    </message>
    <message>
        <source>Passes or reshapes its input</source>
        <translation>Reicht seine Eingabe weiter oder formt sie um</translation>
    </message>
    <message>
        <source>Waits for a time or a moment</source>
        <translation>Wartet eine Zeit lang oder bis zu einem Zeitpunkt</translation>
    </message>
    <message>
        <source>Ends the execution successfully</source>
        <translation>Beendet die Ausführung erfolgreich</translation>
    </message>
    <message>
        <source>Ends the execution with an error</source>
        <translation>Beendet die Ausführung mit einem Fehler</translation>
    </message>
    <message>
        <source>AWS ARN (mocked)</source>
        <translation>AWS-ARN (simuliert)</translation>
    </message>
    <message>
        <source>A Step Functions task; runs here through a mock, unchanged on AWS</source>
        <translation>Ein Step-Functions-Task; läuft hier über ein Mock, unverändert auf AWS</translation>
    </message>
    <message>
        <source>A Task with the resource %1</source>
        <translation>Ein Task mit der Ressource %1</translation>
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
    <name>sluice::ui::ProcessorModeField</name>
    <message>
        <source>ExecutionType of the child executions of a distributed Map</source>
        <translation>ExecutionType der Kindausführungen einer verteilten Map</translation>
    </message>
    <message>
        <source>The older Iterator always runs inline; use ItemProcessor for a distributed Map</source>
        <translation>Der ältere Iterator läuft immer inline; für eine verteilte Map ItemProcessor verwenden</translation>
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
    <name>sluice::ui::RunCharts</name>
    <message>
        <source>Items finished per second</source>
        <translation>Fertige Elemente pro Sekunde</translation>
    </message>
    <message>
        <source>Seconds since the run was opened</source>
        <translation>Sekunden seit dem Öffnen des Laufs</translation>
    </message>
    <message>
        <source>Items by status</source>
        <translation>Elemente nach Status</translation>
    </message>
</context>
<context>
    <name>sluice::ui::RunInputDialog</name>
    <message>
        <source>Run %1</source>
        <translation>%1 ausführen</translation>
    </message>
    <message>
        <source>(recent inputs)</source>
        <translation>(letzte Eingaben)</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>Recent:</source>
        <translation>Zuletzt:</translation>
    </message>
    <message>
        <source>Execution input (JSON):</source>
        <translation>Eingabe der Ausführung (JSON):</translation>
    </message>
    <message>
        <source>Valid JSON (%1).</source>
        <translation>Gültiges JSON (%1).</translation>
    </message>
    <message>
        <source>Not valid JSON at line %1, column %2.</source>
        <translation>Kein gültiges JSON in Zeile %1, Spalte %2.</translation>
    </message>
</context>
<context>
    <name>sluice::ui::RunListModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Execution %1</source>
        <translation>Ausführung %1</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
</context>
<context>
    <name>sluice::ui::RunView</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>Reading the run…</source>
        <translation>Der Lauf wird gelesen…</translation>
    </message>
    <message>
        <source>Cannot show the run: %1</source>
        <translation>Der Lauf lässt sich nicht anzeigen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n item(s)</source>
        <translation>
            <numerusform>Beendet: %n Element</numerusform>
            <numerusform>Beendet: %n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <source>Running: %1 of %2 items done, %3 failed</source>
        <translation>Läuft: %1 von %2 Elementen fertig, %3 fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 — %2 of %3 items done, %4 failed</source>
        <translation>%1 — %2 von %3 Elementen fertig, %4 fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>sluice::ui::RunsPanel</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Show the run on the canvas</source>
        <translation>Den Lauf auf der Zeichenfläche zeigen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Stop the run: nothing more starts, it ends as stopped</source>
        <translation>Den Lauf anhalten: nichts Neues beginnt, er endet als angehalten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Pause: no new item starts; items in flight finish</source>
        <translation>Pausieren: kein neues Element beginnt; laufende Elemente werden fertig</translation>
    </message>
    <message>
        <source>Rerun</source>
        <translation>Erneut ausführen</translation>
    </message>
    <message>
        <source>Run the same workflow version again with the same input</source>
        <translation>Dieselbe Workflow-Version mit derselben Eingabe erneut ausführen</translation>
    </message>
    <message>
        <source>Filter by workflow or id</source>
        <translation>Nach Workflow oder ID filtern</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>This run belongs to another process (sluice-cli); stop it there</source>
        <translation>Dieser Lauf gehört zu einem anderen Prozess (sluice-cli); halten Sie ihn dort an</translation>
    </message>
</context>
<context>
    <name>sluice::ui::StateInspector</name>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Select a state to edit its fields here.</source>
        <translation>Einen Zustand auswählen, um seine Felder hier zu bearbeiten.</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>The state&apos;s JSON. Apply (or leaving the editor) puts valid JSON into the form; invalid JSON stays here until it is fixed or reverted.</source>
        <translation>Das JSON des Zustands. Übernehmen (oder das Verlassen des Editors) bringt gültiges JSON ins Formular; ungültiges JSON bleibt hier, bis es korrigiert oder verworfen wird.</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>%1 — %2 state</source>
        <translation>%1 — Zustand vom Typ %2</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>Wait</source>
        <translation>Wait</translation>
    </message>
    <message>
        <source>timestamp</source>
        <translation>Zeitstempel</translation>
    </message>
    <message>
        <source>seconds path</source>
        <translation>Sekundenpfad</translation>
    </message>
    <message>
        <source>timestamp path</source>
        <translation>Zeitstempelpfad</translation>
    </message>
    <message>
        <source>Failure</source>
        <translation>Fehlschlag</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>Choice</translation>
    </message>
    <message>
        <source>Parallel</source>
        <translation>Parallel</translation>
    </message>
    <message numerus="yes">
        <source>%n branch(es)</source>
        <translation>
            <numerusform>%n Zweig</numerusform>
            <numerusform>%n Zweige</numerusform>
        </translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>percent</source>
        <translation>Prozent</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>Input and output</source>
        <translation>Ein- und Ausgabe</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>A state must be a JSON object</source>
        <translation>Ein Zustand muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>The Type cannot be changed here (it is &quot;%1&quot;); add a state of the other type instead</source>
        <translation>Der Typ kann hier nicht geändert werden (er ist &quot;%1&quot;); stattdessen einen Zustand des anderen Typs hinzufügen</translation>
    </message>
    <message>
        <source>Not valid JSON: %1</source>
        <translation>Kein gültiges JSON: %1</translation>
    </message>
</context>
<context>
    <name>sluice::ui::StateItem</name>
    <message>
        <source>Start</source>
        <translation>Start</translation>
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
<context>
    <name>sluice::ui::TransitionField</name>
    <message>
        <source>End (this state is the last)</source>
        <translation>Ende (dieser Zustand ist der letzte)</translation>
    </message>
    <message>
        <source>(none: fail with States.NoChoiceMatched)</source>
        <translation>(keiner: Fehlschlag mit States.NoChoiceMatched)</translation>
    </message>
    <message>
        <source>%1 (not a state)</source>
        <translation>%1 (kein Zustand)</translation>
    </message>
</context>
</TS>
