<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- English plural forms of the editor's counted texts ("%n error(s)" -> "1 error",
     "2 errors"); every other English text is its own source. After editing:
     pyside6-lrelease resources/i18n/kubecanvas_editor_en.ts -->
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>Editor</name>
    <message numerus="yes">
        <source>Not saved: %n file(s) could not be written back</source>
        <translation>
            <numerusform>Not saved: %n file could not be written back</numerusform>
            <numerusform>Not saved: %n files could not be written back</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation>
            <numerusform>%n note</numerusform>
            <numerusform>%n notes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Whole export: %n resource(s)</source>
        <translation>
            <numerusform>Whole export: %n resource</numerusform>
            <numerusform>Whole export: %n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n resource(s)</source>
        <translation>
            <numerusform>Delete %n resource</numerusform>
            <numerusform>Delete %n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> and %n wire(s)</source>
        <translation>
            <numerusform> and %n wire</numerusform>
            <numerusform> and %n wires</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n resource(s)</source>
        <translation>
            <numerusform>Move %n resource</numerusform>
            <numerusform>Move %n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paste %n resource(s)</source>
        <translation>
            <numerusform>Paste %n resource</numerusform>
            <numerusform>Paste %n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n resource(s) to {path}</source>
        <translation>
            <numerusform>Wrote %n resource to {path}</numerusform>
            <numerusform>Wrote %n resources to {path}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Import %n resource(s)</source>
        <translation>
            <numerusform>Import %n resource</numerusform>
            <numerusform>Import %n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n resource(s)</source>
        <translation>
            <numerusform>Imported %n resource</numerusform>
            <numerusform>Imported %n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s), first: {first}</source>
        <translation>
            <numerusform>%n problem, first: {first}</numerusform>
            <numerusform>%n problems, first: {first}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) could not be loaded; everything else is on the canvas.</source>
        <translation>
            <numerusform>%n document could not be loaded; everything else is on the canvas.</numerusform>
            <numerusform>%n documents could not be loaded; everything else is on the canvas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s) match '{text}'</source>
        <translation>
            <numerusform>%n resource matches '{text}'</numerusform>
            <numerusform>%n resources match '{text}'</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s), the worst an error</source>
        <translation>
            <numerusform>%n finding, an error</numerusform>
            <numerusform>%n findings, the worst an error</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s), the worst a warning</source>
        <translation>
            <numerusform>%n finding, a warning</numerusform>
            <numerusform>%n findings, the worst a warning</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s), all advice</source>
        <translation>
            <numerusform>%n finding, advice</numerusform>
            <numerusform>%n findings, all advice</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resource(s)</source>
        <translation>
            <numerusform>%n resource</numerusform>
            <numerusform>%n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n wire(s) between these blocks</source>
        <translation>
            <numerusform>%n wire between these blocks</numerusform>
            <numerusform>%n wires between these blocks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} · %n resource(s)</source>
        <translation>
            <numerusform>{name} · %n resource</numerusform>
            <numerusform>{name} · %n resources</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
</context>
</TS>
