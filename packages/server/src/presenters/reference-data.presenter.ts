import type { Program, ProgramView, State } from '@docket/domain';

export function presentState(state: State): { code: string; name: string } {
  return { code: state.code, name: state.name };
}

export function presentProgram(program: Program): ProgramView {
  return {
    id: program.id,
    stateCode: program.stateCode,
    name: program.name,
    fullName: program.fullName,
    isRateProgram: program.isRateProgram,
    isDeprecated: program.isDeprecated,
  };
}
