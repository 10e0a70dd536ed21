import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gemAnalyzer, parseGemspec } from './index.js';

// The head of a gemspec as RubyGems 3.4 writes it when it installs a gem.
const RAKE = `# -*- encoding: utf-8 -*-
# stub: rake 13.1.0 ruby lib

Gem::Specification.new do |s|
  s.name = "rake".freeze
  s.version = "13.1.0"

  s.required_rubygems_version = Gem::Requirement.new(">= 1.3.2".freeze) if s.respond_to? :required_rubygems_version=
  s.licenses = ["MIT".freeze]
  s.summary = "Rake is a Make-like program implemented in Ruby".freeze
end
`;

test('installed gemspecs: name, version and licenses', () => {
  assert.deepEqual(parseGemspec(RAKE), { name: 'rake', version: '13.1.0', licenses: ['MIT'] });
  assert.deepEqual(parseGemspec("Gem::Specification.new do |spec|\n  spec.name = 'json'\n  spec.version = Gem::Version.new('2.7.1')\n  spec.license = 'Ruby'\nend\n"), {
    name: 'json',
    version: '2.7.1',
    licenses: ['Ruby'],
  });
  assert.equal(parseGemspec('s.summary = "no name"'), undefined);
});

test('gemspecs under specifications/ and specifications/default/ only', () => {
  const file = { path: 'x', kind: 'file' as const, size: 10, mode: 0o644, uid: 0, gid: 0 };
  assert.equal(gemAnalyzer.wants('usr/local/lib/ruby/gems/3.3.0/specifications/rake-13.1.0.gemspec', file), true);
  assert.equal(gemAnalyzer.wants('usr/local/lib/ruby/gems/3.3.0/specifications/default/json-2.7.1.gemspec', file), true);
  assert.equal(gemAnalyzer.wants('app/my.gemspec', file), false);
});
