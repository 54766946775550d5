import { describe, expect, it } from 'vitest';
import { importIndex, ownModules, packagesToLoad, unavailableMessage, withPackageSource } from './packages.ts';

const lock = {
  info: {},
  packages: {
    numpy: { name: 'numpy', file_name: 'numpy-2.4.6.whl', imports: ['numpy'] },
    'scikit-learn': { name: 'scikit-learn', file_name: 'scikit_learn-1.7.whl', imports: ['sklearn'] },
    six: { name: 'six', file_name: 'six-1.17.0.whl', imports: ['six'] },
  },
};

describe('package helpers', () => {
  it('points packages that are not bundled at the source, keeping bundled ones on the app origin', () => {
    const out = withPackageSource(lock, 'https://cdn.example/pyodide/v1/full', ['six']);
    expect(out.packages.numpy.file_name).toBe('https://cdn.example/pyodide/v1/full/numpy-2.4.6.whl');
    expect(out.packages.six.file_name).toBe('six-1.17.0.whl');
    expect(lock.packages.numpy.file_name).toBe('numpy-2.4.6.whl');
  });

  it('maps imports to packages, skipping loaded ones and the learner’s own modules', () => {
    const index = importIndex(lock.packages);
    expect(
      packagesToLoad(['numpy.linalg', 'sklearn', 'os', 'six'], index, { six: 'default channel' }, new Set()),
    ).toEqual(['numpy', 'scikit-learn']);
    expect(packagesToLoad(['numpy'], index, {}, ownModules(['main.py', 'numpy.py']))).toEqual([]);
    expect([...ownModules(['main.py', 'lib/helper.py', 'data/points.csv'])].sort()).toEqual(['data', 'lib', 'main']);
  });

  it('explains what to do when packages cannot be had', () => {
    expect(unavailableMessage(['numpy'], false, 'x')).toBe(
      'numpy is not available offline on this device. Connect to the internet once and run again (it then stays available offline), or ask your teacher for a build of the app that includes it.',
    );
    expect(unavailableMessage(['numpy', 'six'], false, 'x')).toContain('numpy, six are not available offline');
    expect(unavailableMessage(['numpy'], true, 'https://cdn.example/')).toContain(
      'could not be downloaded from https://cdn.example/',
    );
  });
});
