export { invokeResource } from '../policy/lattice/invokeResource';
