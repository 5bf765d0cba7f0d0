import { writeFileSync } from 'node:fs';
import { schemas } from './published-schemas';
writeFileSync('/tmp/w21/schemas.json', JSON.stringify(schemas));
