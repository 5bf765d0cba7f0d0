import Ajv from 'ajv';
console.log(typeof Ajv);
