import { execFile } from 'node:child_process';

/** What a real XML parser read from a JUnit file. */
export interface ParsedJunit {
  readonly root: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly suites: readonly {
    readonly attributes: Readonly<Record<string, string>>;
    readonly properties: Readonly<Record<string, string>>;
    readonly cases: readonly {
      readonly classname: string;
      readonly name: string;
      readonly failure: { readonly message: string; readonly type: string; readonly text: string } | null;
      readonly out: string | null;
    }[];
  }[];
}

// Python's expat-based parser rejects anything that is not well-formed XML 1.0, which is the check we want.
const PARSER = `
import json, sys, xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
def case(c):
    f = c.find('failure')
    o = c.find('system-out')
    return {'classname': c.get('classname'), 'name': c.get('name'),
            'failure': None if f is None else {'message': f.get('message'), 'type': f.get('type'), 'text': f.text or ''},
            'out': None if o is None else (o.text or '')}
suites = [{'attributes': dict(s.attrib),
           'properties': {p.get('name'): p.get('value') for p in s.iter('property')},
           'cases': [case(c) for c in s.iter('testcase')]} for s in root.iter('testsuite')]
print(json.dumps({'root': root.tag, 'attributes': dict(root.attrib), 'suites': suites}))
`;

/** Parses JUnit XML with a real XML parser (Python's); rejects with the parser's message when it is not well-formed. */
export function parseJunit(xml: string): Promise<ParsedJunit> {
  return new Promise((resolve, reject) => {
    const child = execFile('python3', ['-c', PARSER], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null) reject(new Error(`not well-formed XML: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout) as ParsedJunit);
    });
    child.stdin?.end(xml);
  });
}
