/** The product's mark: two speech bubbles on WeChat green. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg className="brand-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#07c160" />
      <path
        fill="#fff"
        d="M13 7C8 7 4 10.3 4 14.4c0 2.3 1.3 4.4 3.3 5.7L6.5 23l3.1-1.7c1.1.3 2.2.5 3.4.5h.6a6.3 6.3 0 0 1-.3-1.9c0-4.1 3.9-7.3 8.6-7.3h.6C21.6 9.4 17.7 7 13 7Z"
      />
      <path
        fill="#fff"
        fillOpacity=".85"
        d="M28 19.9c0-3.4-3.4-6.1-7.4-6.1s-7.4 2.7-7.4 6.1 3.4 6.1 7.4 6.1c.9 0 1.7-.1 2.5-.4l2.5 1.4-.6-2.3c1.8-1.1 3-2.9 3-4.8Z"
      />
    </svg>
  );
}
