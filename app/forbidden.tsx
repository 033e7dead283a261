import Link from "next/link";

// What a signed-in user sees on a page their role or ward scope does not cover (403). Says no more
// than that: not whether the patient or ward exists.
export default function Forbidden() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Not available to you</h1>
      <p>Your role or ward access does not include this page. Ask an administrator if you need it.</p>
      <Link className="underline" href="/">
        Back to your wards
      </Link>
    </div>
  );
}
