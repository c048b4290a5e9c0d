//! The words of Korean pages.

use super::blocks::Column;
use super::words::{Section, Vocabulary};

/// The words of Korean pages.
pub const KO: Vocabulary = Vocabulary {
    sections: &[
        ("API 설명", Section::Description),
        ("입력 매개변수", Section::Input),
        ("출력 매개변수", Section::Output),
        ("예시", Section::Examples),
        ("예제", Section::Examples),
        ("개발자 리소스", Section::Resources),
        ("오류 코드", Section::Errors),
    ],
    columns: &[
        ("매개변수 이름", Column::Name),
        ("이름", Column::Name),
        ("오류 코드", Column::Name),
        ("필수 여부", Column::Required),
        ("필수 선택 항목", Column::Required),
        ("유형", Column::Type),
        ("설명", Column::Description),
    ],
    yes: &["예"],
    no: &["아니요", "아니오"],
    nullable: &["null을 반환할 수 있", "null 을 반환할 수 있", "null이 반환될 수 있"],
    example_title: &["예시", "예제"],
    example_input: &["입력 예시", "요청 예시"],
    example_output: &["출력 예시", "응답 예시"],
    data_types_title: &["데이터 구조"],
    error_codes_title: &["오류 코드"],
    common_codes: &["공통 오류 코드"],
    service_codes: &["비즈니스 오류 코드", "서비스 오류 코드"],
    error_page_sections: &["기능 설명", "오류 코드 리스트"],
    used_by: &["다음 API에 참조됨:"],
    last_updated: &["마지막 업데이트 시간", "최종 업데이트"],
    per_second: &["회/초"],
    example_value: &["예시 값:"],
    toolbar: &["포커스 모드", "글꼴 크기", "피드백"],
    footer: &["도움말 및 지원", "이 페이지가 도움이 되었나요?", "이전:"],
    explorer: &["API Explorer 사용을 권장합니다", "API Explorer는"],
    maximum: &["최댓값", "최대값", "최대"],
    value_range: &["값 범위", "범위"],
    from_zero: &["0부터 시작"],
    valid_values: &["유효한 값", "가능한 값", "값 범위"],
    state_done: &["성공", "완료"],
    state_failed: &["실패", "오류"],
    state_pending: &["실행 중", "처리 중", "대기"],
};
